import {
  CreateDomainCommand,
  CreateUserProfileCommand,
  DeleteUserProfileCommand,
  ListUserProfilesCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  adminConfigFor,
  startEmulator,
  suiteConfigFor,
  governedDomainRequest,
  projectTags,
} from '@mlgov/aws-emulator';
import { resolve } from 'node:path';
import { MlAwsClients } from '../clients';
import { syncUserProfiles } from './sagemaker';

// The account's tags, which the cost-tag guardrail requires on profiles.
const tags = { 'ml-project': 'churn-prediction', 'cost-center': 'CC-1234' };

async function withDomain(
  test: (
    sageMaker: SageMakerClient,
    domainId: string,
    emulator: Awaited<ReturnType<typeof startEmulator>>,
  ) => Promise<void>,
) {
  const emulator = await startEmulator({
    seed: readSeedFile(
      resolve(__dirname, '../../../../packages/aws-emulator/seeds/demo.yaml'),
    ),
    config: { asyncDelayMs: 60_000 },
  });
  try {
    const clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
    const { sageMaker } = await clients.forAccount('200000000011');
    // The domain is the Studio product's, not the suite's to make.
    const admin = MlAwsClients.fromConfig(
      new ConfigReader(adminConfigFor(emulator.url)),
    );
    const { DomainArn } = await (
      await admin.forAccount('200000000011')
    ).sageMaker.send(
      new CreateDomainCommand(
        governedDomainRequest('200000000011', 'churn-prediction'),
      ),
    );
    await test(sageMaker, DomainArn!.split('/').pop()!, emulator);
  } finally {
    await emulator.close();
  }
}

function profilesOf(
  emulator: Awaited<ReturnType<typeof startEmulator>>,
  domainId: string,
) {
  return [...emulator.state.userProfiles.values()]
    .filter(p => p.domainId === domainId)
    .map(p => `${p.name}:${p.status}`)
    .sort();
}

describe('syncUserProfiles', () => {
  it('makes a profile per member once, and a re-run changes nothing', async () => {
    await withDomain(async (sageMaker, domainId, emulator) => {
      const members = ['guest', 'ada'];
      const first = await syncUserProfiles(sageMaker, {
        domainId,
        members,
        tags,
        madeBySuite: [],
      });
      expect(first).toEqual({
        created: ['guest', 'ada'],
        deleted: [],
        kept: [],
        inUse: [],
      });
      const again = await syncUserProfiles(sageMaker, {
        domainId,
        members,
        tags,
        madeBySuite: first.created,
      });
      expect(again).toEqual({
        created: [],
        deleted: [],
        kept: [],
        inUse: [],
      });
      expect(emulator.callCounts()['sagemaker:CreateUserProfile']).toBe(2);
      expect(profilesOf(emulator, domainId)).toEqual([
        'ada:InService',
        'guest:InService',
      ]);
      // The Studio product's isolation policy matches this tag to the
      // person's own studiouserid principal tag.
      const ada = [...emulator.state.userProfiles.values()].find(
        p => p.domainId === domainId && p.name === 'ada',
      )!;
      expect(ada.tags).toEqual({ ...tags, studiouserid: 'ada' });
    });
  });

  it("adds those who joined, deletes the suite's profiles of those who left, and keeps an administrator's", async () => {
    await withDomain(async (sageMaker, domainId, emulator) => {
      const made = await syncUserProfiles(sageMaker, {
        domainId,
        members: ['guest', 'ada'],
        tags,
        madeBySuite: [],
      });
      // Made by hand: not in the suite's record, not the suite's to delete.
      await sageMaker.send(
        new CreateUserProfileCommand({
          DomainId: domainId,
          UserProfileName: 'svc-batch',
          Tags: projectTags('churn-prediction'),
        }),
      );
      const changed = await syncUserProfiles(sageMaker, {
        domainId,
        members: ['guest', 'mallory'],
        tags,
        madeBySuite: made.created,
      });
      expect(changed).toEqual({
        created: ['mallory'],
        deleted: ['ada'],
        kept: ['svc-batch'],
        inUse: [],
      });
      expect(profilesOf(emulator, domainId)).toEqual([
        'ada:Deleting',
        'guest:InService',
        'mallory:InService',
        'svc-batch:InService',
      ]);
      // While AWS is still deleting it, a re-run leaves it to finish.
      const meanwhile = await syncUserProfiles(sageMaker, {
        domainId,
        members: ['guest', 'mallory'],
        tags,
        madeBySuite: [...made.created, ...changed.created],
      });
      expect(meanwhile.deleted).toEqual([]);
      expect(emulator.callCounts()['sagemaker:DeleteUserProfile']).toBe(1);
      emulator.state.settle(Date.now() + 60_000);
      expect(profilesOf(emulator, domainId)).toEqual([
        'guest:InService',
        'mallory:InService',
        'svc-batch:InService',
      ]);
    });
  });

  it("never deletes a profile the suite's record does not list, whatever its tags say", async () => {
    await withDomain(async (sageMaker, domainId) => {
      // Someone who may tag profiles in the dev account marks an
      // administrator's profile, and another project's, as the suite's.
      for (const [name, project] of [
        ['admin-ops', tags['ml-project']],
        ['visitor', 'fraud-detection'],
      ]) {
        await sageMaker.send(
          new CreateUserProfileCommand({
            DomainId: domainId,
            UserProfileName: name,
            Tags: projectTags(project),
          }),
        );
      }
      const result = await syncUserProfiles(sageMaker, {
        domainId,
        members: [],
        tags,
        madeBySuite: [],
      });
      expect(result).toEqual({
        created: [],
        deleted: [],
        kept: ['admin-ops', 'visitor'],
        inUse: [],
      });
    });
  });

  it('leaves a profile SageMaker will not delete yet (apps still in it) for the next run, and deletes the others', async () => {
    // The emulator has no Studio apps; AWS answers ResourceInUse then.
    const sageMaker = mockClient(SageMakerClient);
    sageMaker.on(ListUserProfilesCommand).resolves({
      UserProfiles: [
        { UserProfileName: 'ada', Status: 'InService' },
        { UserProfileName: 'bob', Status: 'InService' },
      ],
    });
    sageMaker
      .on(DeleteUserProfileCommand, { UserProfileName: 'ada' })
      .rejects(Object.assign(new Error('has apps'), { name: 'ResourceInUse' }))
      .on(DeleteUserProfileCommand, { UserProfileName: 'bob' })
      .resolves({});
    const client = new SageMakerClient({ region: 'us-east-1' });
    const result = await syncUserProfiles(client, {
      domainId: 'd-1',
      members: [],
      tags,
      madeBySuite: ['ada', 'bob'],
    });
    expect(result).toEqual({
      created: [],
      deleted: ['bob'],
      kept: [],
      inUse: ['ada'],
    });
    sageMaker.restore();
  });
});
