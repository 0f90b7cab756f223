import {
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  DetachPolicyCommand,
  MoveAccountCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-organizations';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  receiveQueuedEvents,
  startEmulator,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import { OrganizationSnapshot } from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  readOrganizationSnapshot,
} from '@mlgov/plugin-ml-environments-node';
import { resolve } from 'node:path';
import { managementOrganizations } from '../__testUtils__/demoBackend';
import { memoryStore } from '../__testUtils__/memoryStore';
import { SnapshotPipeline } from './SnapshotPipeline';
import { SnapshotReadModel } from './SnapshotReadModel';

const NETWORK_ACCOUNT = '100000000003';
const MAX_DELAY_MS = 400;

/** What a snapshot says of the organization, without when it was read. */
function contentOf(snapshot: OrganizationSnapshot) {
  const {
    takenAt: _t,
    reconciledAt: _r,
    loading: _l,
    ...rest
  } = snapshot as OrganizationSnapshot & { reconciledAt?: string };
  const byId = <T extends { id: string }>(items: T[]) =>
    [...items].sort((a, b) => a.id.localeCompare(b.id));
  return {
    ...rest,
    ous: byId(rest.ous),
    accounts: byId(rest.accounts),
    policies: byId(rest.policies).map(p => ({
      ...p,
      targets: [...p.targets].sort(),
    })),
  };
}

describe('AWS events delivered twice, late or out of order', () => {
  let emulator: RunningEmulator;

  afterEach(() => emulator.close());

  it('leave the same snapshot as a full read', async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(
          __dirname,
          '../../../../../packages/aws-emulator/seeds/demo.yaml',
        ),
      ),
      config: {
        asyncDelayMs: 0,
        eventDelivery: {
          duplicateRate: 0.5,
          maxDelayMs: MAX_DELAY_MS,
          seed: 11,
        },
      },
    });
    const clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
    const store = memoryStore();
    const logger = mockServices.logger.mock();
    const pipeline = new SnapshotPipeline({
      store,
      readModel: new SnapshotReadModel(store),
      clients,
      logger,
      events: { publish: async () => {} },
      awsEvents: { batchMs: 20, followUpMs: 200 },
      consumers: [],
    });
    await pipeline.refresh();
    const before = store.saved.at(-1)!.snapshot;

    // Changes whose last state depends on their order.
    const organizations = managementOrganizations(emulator);
    const calls: string[] = [];
    const callKey = (name: string, input: object) =>
      `${name} ${JSON.stringify(input, (_k, v) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(
              Object.entries(v).map(([k, x]) => [
                k.charAt(0).toLowerCase() + k.slice(1),
                x,
              ]),
            )
          : v,
      )}`;
    const send = (command: any): Promise<any> => {
      calls.push(
        callKey(
          command.constructor.name.replace(/Command$/, ''),
          command.input,
        ),
      );
      return organizations.send(command);
    };
    const ouOf = (path: string) => before.ous.find(o => o.path === path)!;
    const tag = (value: string) =>
      send(
        new TagResourceCommand({
          ResourceId: NETWORK_ACCOUNT,
          Tags: [{ Key: 'cost-center', Value: value }],
        }),
      );
    await tag('first');
    await tag('second');
    await send(
      new UntagResourceCommand({
        ResourceId: NETWORK_ACCOUNT,
        TagKeys: ['cost-center'],
      }),
    );
    await tag('last');
    await send(
      new MoveAccountCommand({
        AccountId: NETWORK_ACCOUNT,
        SourceParentId: ouOf('Infrastructure').id,
        DestinationParentId: ouOf('Sandbox').id,
      }),
    );
    const { OrganizationalUnit: lab } = await send(
      new CreateOrganizationalUnitCommand({
        ParentId: ouOf('Sandbox').id,
        Name: 'Lab',
      }),
    );
    await send(
      new MoveAccountCommand({
        AccountId: NETWORK_ACCOUNT,
        SourceParentId: ouOf('Sandbox').id,
        DestinationParentId: lab!.Id!,
      }),
    );
    const policy = before.policies.find(
      p => p.name === 'mlgov-deny-sagemaker-hosting',
    )!;
    const target = { PolicyId: policy.id, TargetId: lab!.Id! };
    await send(new AttachPolicyCommand(target));
    await send(new DetachPolicyCommand(target));
    await send(new AttachPolicyCommand(target));

    // Every delivery is due within MAX_DELAY_MS; they arrive as they come.
    await new Promise(r => setTimeout(r, MAX_DELAY_MS + 200));
    const bodies = await receiveQueuedEvents(emulator);
    // The knobs did what they say: some events twice, not in call order.
    const events = bodies.map(body => (body as any).detail);
    const ids = events.map(e => e.eventID);
    expect(new Set(ids).size).toBeLessThan(ids.length);
    const callOrder = events
      .filter((e, i) => ids.indexOf(e.eventID) === i)
      .map(e => calls.indexOf(callKey(e.eventName, e.requestParameters)));
    expect(callOrder).not.toContain(-1);
    expect(callOrder).not.toEqual([...callOrder].sort((a, b) => a - b));

    for (const body of bodies) pipeline.applyAwsEvent(body);
    await pipeline.changesApplied();
    // One more, very late: the first tag event again, after all the others.
    pipeline.applyAwsEvent(bodies[0]);
    await pipeline.changesApplied();

    const patched = store.saved.at(-1)!.snapshot;
    const full = await readOrganizationSnapshot(clients);
    expect(patched.accounts.find(a => a.id === NETWORK_ACCOUNT)).toMatchObject({
      parentId: lab!.Id,
      tags: expect.objectContaining({ 'cost-center': 'last' }),
    });
    expect(contentOf(patched)).toEqual(contentOf(full));
  });
});
