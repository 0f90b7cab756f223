import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import {
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

describe('STS', () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator({
      seed: {
        accessKeys: { 'emulator-management': 'Management', 'dev-key': 'Dev' },
        accounts: [
          { name: 'Dev', email: 'dev@example.com', id: '222222222222' },
          { name: 'Prod', email: 'prod@example.com', id: '333333333333' },
        ],
      },
    }));
  });

  afterEach(() => emulator.close());

  it('tells the caller who it is', async () => {
    const sts = new STSClient(clientConfig(emulator));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('111111111111');
    expect(identity.Arn).toBe('arn:aws:iam::111111111111:user/emulator-admin');
  });

  it('gives the management account credentials that act as the member account', async () => {
    const sts = new STSClient(clientConfig(emulator));
    const { Credentials, AssumedRoleUser } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
        RoleSessionName: 'backstage-scaffolder',
      }),
    );
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now());
    expect(AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/backstage-scaffolder',
    );

    const assumed = new STSClient(
      clientConfig(
        emulator,
        Credentials!.AccessKeyId,
        Credentials!.SessionToken,
      ),
    );
    const identity = await assumed.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('222222222222');
    // A member account's credentials cannot manage the organization.
    const org = new OrganizationsClient(
      clientConfig(
        emulator,
        Credentials!.AccessKeyId,
        Credentials!.SessionToken,
      ),
    );
    expect((await errorOf(org.send(new ListRootsCommand({})))).name).toBe(
      'AccessDeniedException',
    );
  });

  it('refuses roles a member account cannot assume and unknown roles', async () => {
    const fromDev = new STSClient(clientConfig(emulator, 'dev-key'));
    const denied = await errorOf(
      fromDev.send(
        new AssumeRoleCommand({
          RoleArn:
            'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole',
          RoleSessionName: 'lateral',
        }),
      ),
    );
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toContain(
      'is not authorized to perform: sts:AssumeRole',
    );

    const sts = new STSClient(clientConfig(emulator));
    const unknownRole = await errorOf(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::222222222222:role/SomethingElse',
          RoleSessionName: 's1',
        }),
      ),
    );
    expect(unknownRole.name).toBe('AccessDenied');
    const tooLong = await errorOf(
      sts.send(
        new AssumeRoleCommand({
          RoleArn:
            'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
          RoleSessionName: 's1',
          DurationSeconds: 100000,
        }),
      ),
    );
    expect(tooLong.name).toBe('ValidationError');
  });

  it('answers an unknown access key with InvalidClientTokenId', async () => {
    const stranger = new STSClient(clientConfig(emulator, 'nobody'));
    const error = await errorOf(
      stranger.send(new GetCallerIdentityCommand({})),
    );
    expect(error.name).toBe('InvalidClientTokenId');
  });
});
