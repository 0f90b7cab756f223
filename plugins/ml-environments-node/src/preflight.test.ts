import {
  CreateOrganizationalUnitCommand,
  EnableAWSServiceAccessCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import { startEmulator, type RunningEmulator } from '@mlgov/aws-emulator';
import {
  DEFAULT_GUARDRAIL_PARAMETERS,
  GUARDRAILS,
} from '@mlgov/plugin-ml-environments-common';
import {
  checkScpQuota,
  findAccountByEmail,
  portfolioSharingProblem,
  validateScpContent,
} from './preflight';

const scp = (statement: object) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

describe('validateScpContent', () => {
  it('accepts every SCP of the guardrail library', async () => {
    for (const guardrail of GUARDRAILS) {
      if (guardrail.kind !== 'scp') continue;
      const content = JSON.stringify(
        guardrail.document(DEFAULT_GUARDRAIL_PARAMETERS),
      );
      expect(await validateScpContent(guardrail.id, content)).toEqual([]);
    }
  });

  it('accepts wildcards that match real actions', async () => {
    expect(
      await validateScpContent(
        'wild',
        scp({
          Effect: 'Deny',
          Action: ['sagemaker:*Endpoint*', 's3:*', '*'],
          Resource: '*',
        }),
      ),
    ).toEqual([]);
  });

  it('names misspelt actions and wildcards that match nothing', async () => {
    expect(
      await validateScpContent(
        'typos',
        scp({
          Sid: 'Typos',
          Effect: 'Deny',
          Action: [
            'sagemaker:CreateEndpiont',
            'sagemakr:CreateEndpoint',
            'sagemaker:Launch*',
          ],
          Resource: '*',
        }),
      ),
    ).toEqual([
      "SCP typos, statement Typos: action 'sagemaker:CreateEndpiont' does not exist in the IAM action catalog; check its spelling",
      "SCP typos, statement Typos: action 'sagemakr:CreateEndpoint' does not exist in the IAM action catalog; check its spelling",
      "SCP typos, statement Typos: action 'sagemaker:Launch*' does not exist in the IAM action catalog; check its spelling",
    ]);
  });

  it('measures size after minification', async () => {
    const padded = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }],
    }).replaceAll(',', `,${' '.repeat(2000)}`);
    expect(padded.length).toBeGreaterThan(5120);
    expect(await validateScpContent('padded', padded)).toEqual([]);

    const huge = scp({
      Sid: 'x'.repeat(5100),
      Effect: 'Deny',
      Action: 's3:GetObject',
      Resource: '*',
    });
    expect(await validateScpContent('huge', huge)).toEqual([
      expect.stringMatching(
        /^SCP huge is 5204 characters minified; AWS allows 5120\. Split it/,
      ),
    ]);
  });

  it('explains malformed documents', async () => {
    expect(await validateScpContent('broken', '{"Version": ')).toEqual([
      expect.stringMatching(/^SCP broken is not valid JSON: /),
    ]);
    expect(
      await validateScpContent(
        'principal',
        scp({
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
        }),
      ),
    ).toEqual([
      'SCP principal, statement 1: SCPs take no Principal; scope principals with an aws:PrincipalArn condition',
    ]);
  });
});

describe('checks against the organization', () => {
  let emulator: RunningEmulator;
  let client: OrganizationsClient;

  beforeAll(async () => {
    emulator = await startEmulator({
      config: { asyncDelayMs: 0, maxScpsPerTarget: 3 },
      seed: {
        accounts: [
          {
            name: 'churn-dev',
            email: 'Churn-Dev@example.com',
            id: '222222222222',
          },
        ],
      },
    });
    client = new OrganizationsClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emulator-management', secretAccessKey: 'x' },
    });
  });

  afterAll(() => emulator.close());

  it('finds an account by email, ignoring case', async () => {
    expect(
      (await findAccountByEmail(client, 'churn-dev@example.com'))?.Id,
    ).toBe('222222222222');
    expect(
      await findAccountByEmail(client, 'other@example.com'),
    ).toBeUndefined();
  });

  it('counts direct attachments, FullAWSAccess included, against the quota', async () => {
    const { OrganizationalUnit } = await client.send(
      new CreateOrganizationalUnitCommand({
        ParentId: emulator.state.rootId,
        Name: 'Dev',
      }),
    );
    const target = { id: OrganizationalUnit!.Id!, label: 'OU Dev' };
    expect(
      await checkScpQuota(client, target, ['mlgov-a', 'mlgov-b'], 3),
    ).toBeUndefined();
    expect(
      await checkScpQuota(
        client,
        target,
        ['FullAWSAccess', 'mlgov-a', 'mlgov-b'],
        3,
      ),
    ).toBeUndefined();
    expect(
      await checkScpQuota(client, target, ['mlgov-a', 'mlgov-b', 'mlgov-c'], 3),
    ).toBe(
      'OU Dev has 1 SCPs attached directly (FullAWSAccess); adding mlgov-a, mlgov-b, mlgov-c would exceed the quota of 3. Merge policies or attach some to a parent OU instead',
    );
  });
});

describe('portfolioSharingProblem', () => {
  const MANAGEMENT = '111111111111';
  const SHARED = '333333333333';
  let emulator: RunningEmulator;
  let client: OrganizationsClient;
  const problem = (ownerAccountId = SHARED) =>
    portfolioSharingProblem(client, {
      ownerAccountId,
      managementAccountId: MANAGEMENT,
      portfolio: 'ML Platform',
    });

  beforeEach(async () => {
    // A company that has not done the one-time Service Catalog setup.
    emulator = await startEmulator({
      config: { asyncDelayMs: 0 },
      seed: {
        accounts: [
          {
            name: 'Team Shared Services',
            email: 'tss@example.com',
            id: SHARED,
          },
        ],
      },
    });
    client = new OrganizationsClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emulator-management', secretAccessKey: 'x' },
    });
  });
  afterEach(() => emulator.close());

  it('names both missing steps, in the order AWS needs them, with the commands', async () => {
    expect(await problem()).toBe(
      "Portfolio 'ML Platform' cannot be shared with OUs from 333333333333 (mlEnvironments.serviceCatalog.sharedServicesAccountId): Service Catalog's access to AWS Organizations is not enabled and account 333333333333 is not a delegated administrator for Service Catalog. AWS lets only the management account or a Service Catalog delegated administrator share with OUs. Once, with the management account's credentials, run `aws servicecatalog enable-aws-organizations-access`, then `aws organizations register-delegated-administrator --account-id 333333333333 --service-principal servicecatalog.amazonaws.com`; the suite does not make these organization-wide changes itself (see docs/deployment.md, \"Service Catalog sharing\")",
    );
    // Nothing was changed to find out.
    expect(emulator.mutatingCallCounts()).toEqual({});
  });

  it('asks only for the registration once access is on, and for nothing once registered', async () => {
    await client.send(
      new EnableAWSServiceAccessCommand({
        ServicePrincipal: 'servicecatalog.amazonaws.com',
      }),
    );
    const registerOnly = await problem();
    expect(registerOnly).toContain(
      'account 333333333333 is not a delegated administrator for Service Catalog',
    );
    expect(registerOnly).not.toContain('enable-aws-organizations-access');
    await client.send(
      new RegisterDelegatedAdministratorCommand({
        AccountId: SHARED,
        ServicePrincipal: 'servicecatalog.amazonaws.com',
      }),
    );
    expect(await problem()).toBeUndefined();
  });

  it('needs no delegated administrator when the management account owns the portfolio', async () => {
    const accessOnly = await problem(MANAGEMENT);
    expect(accessOnly).toContain(
      "Service Catalog's access to AWS Organizations is not enabled.",
    );
    expect(accessOnly).not.toContain('register-delegated-administrator');
    await client.send(
      new EnableAWSServiceAccessCommand({
        ServicePrincipal: 'servicecatalog.amazonaws.com',
      }),
    );
    expect(await problem(MANAGEMENT)).toBeUndefined();
  });
});
