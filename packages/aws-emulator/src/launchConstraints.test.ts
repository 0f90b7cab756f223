import {
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AcceptPortfolioShareCommand,
  AssociatePrincipalWithPortfolioCommand,
  CreateConstraintCommand,
  CreatePortfolioShareCommand,
  DescribeConstraintCommand,
  ListConstraintsForPortfolioCommand,
  ProvisionProductCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';
import {
  PROJECT_DEV,
  SANDBOX,
  clientsIn,
  publishTemplate,
  settledRecord,
  templateSeed,
} from './__testUtils__/templates.ts';

// LAUNCH constraints: the stack runs as the constraint's role, judged by its
// identity policy; with none, as the launching principal, judged by its own.

const LAUNCH_ROLE = 'mlgov-sc-launch';
const launchPolicy = JSON.parse(
  readFileSync(resolve(__dirname, '../seeds/suite-iam.json'), 'utf8'),
).launch;
const STUDIO_PARAMETERS = [
  { Key: 'ProjectName', Value: 'churn' },
  { Key: 'VpcId', Value: 'vpc-0a1' },
  { Key: 'SubnetIds', Value: 'subnet-0a1' },
  { Key: 'SecurityGroupIds', Value: 'sg-0a1' },
];

let emulator: RunningEmulator;
beforeEach(async () => {
  ({ emulator } = await startTestEmulator({ seed: templateSeed }));
});
afterEach(() => emulator.close());

async function iamIn(accountId: string) {
  const { accessKeyId } = await clientsIn(emulator, accountId);
  return new IAMClient(clientConfig(emulator, accessKeyId));
}

/** Clients acting as the suite's member role in the account. */
async function memberCatalog(accountId: string) {
  const { Credentials } = await new STSClient(clientConfig(emulator)).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/ml-environments-member`,
      RoleSessionName: 'suite',
    }),
  );
  return new ServiceCatalogClient(
    clientConfig(emulator, Credentials!.AccessKeyId, Credentials!.SessionToken),
  );
}

/** The Studio template published in the dev account, its member role associated. */
async function studioProduct() {
  const admin = await clientsIn(emulator, PROJECT_DEV);
  const published = await publishTemplate(
    admin,
    PROJECT_DEV,
    'studio-domain.yaml',
  );
  await admin.catalog.send(
    new AssociatePrincipalWithPortfolioCommand({
      PortfolioId: published.portfolioId,
      PrincipalARN: `arn:aws:iam::${PROJECT_DEV}:role/ml-environments-member`,
      PrincipalType: 'IAM',
    }),
  );
  return { admin, ...published };
}

async function makeLaunchRole(accountId: string, policy?: unknown) {
  const iam = await iamIn(accountId);
  await iam.send(
    new CreateRoleCommand({
      RoleName: LAUNCH_ROLE,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'servicecatalog.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
  if (policy) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: LAUNCH_ROLE,
        PolicyName: 'launch-policy',
        PolicyDocument: JSON.stringify(policy),
      }),
    );
  }
  return iam;
}

function constrain(
  catalog: ServiceCatalogClient,
  p: { portfolioId: string; productId: string },
  parameters: unknown,
  token = 'launch-1',
) {
  return catalog.send(
    new CreateConstraintCommand({
      PortfolioId: p.portfolioId,
      ProductId: p.productId,
      Type: 'LAUNCH',
      Parameters: JSON.stringify(parameters),
      IdempotencyToken: token,
    }),
  );
}

async function launch(
  catalog: ServiceCatalogClient,
  p: { productId: string; artifactId: string },
) {
  const { RecordDetail } = await catalog.send(
    new ProvisionProductCommand({
      ProductId: p.productId,
      ProvisioningArtifactId: p.artifactId,
      ProvisionedProductName: 'studio',
      ProvisionToken: 'studio-1',
      ProvisioningParameters: STUDIO_PARAMETERS,
    }),
  );
  return settledRecord(catalog, RecordDetail!.RecordId!);
}

describe('IAM roles', () => {
  it('makes a role, refuses it twice, answers GetRole and NoSuchEntity', async () => {
    const iam = await makeLaunchRole(PROJECT_DEV);
    const { Role } = await iam.send(
      new GetRoleCommand({ RoleName: LAUNCH_ROLE }),
    );
    expect(Role?.Arn).toBe(`arn:aws:iam::${PROJECT_DEV}:role/${LAUNCH_ROLE}`);
    const again = await errorOf(makeLaunchRole(PROJECT_DEV));
    expect(again.name).toBe('EntityAlreadyExistsException');
    const missing = await errorOf(
      iam.send(new GetRoleCommand({ RoleName: 'nobody' })),
    );
    expect(missing.name).toBe('NoSuchEntityException');
  });
});

describe('LAUNCH constraints', () => {
  it('needs the role in the account that makes it, exactly one role, and one per product', async () => {
    const p = await studioProduct();
    const noRole = await errorOf(
      constrain(p.admin.catalog, p, { LocalRoleName: LAUNCH_ROLE }),
    );
    expect(noRole.name).toBe('InvalidParametersException');
    expect(noRole.message).toMatch(/does not exist/);
    await makeLaunchRole(PROJECT_DEV, launchPolicy);
    const both = await errorOf(
      constrain(
        p.admin.catalog,
        p,
        {
          LocalRoleName: LAUNCH_ROLE,
          RoleArn: `arn:aws:iam::${PROJECT_DEV}:role/${LAUNCH_ROLE}`,
        },
        'both',
      ),
    );
    expect(both.name).toBe('InvalidParametersException');

    const made = await constrain(p.admin.catalog, p, {
      LocalRoleName: LAUNCH_ROLE,
    });
    expect(made.Status).toBe('AVAILABLE');
    // The same token answers the same constraint after a lost answer.
    const repeated = await constrain(p.admin.catalog, p, {
      LocalRoleName: LAUNCH_ROLE,
    });
    expect(repeated.ConstraintDetail?.ConstraintId).toBe(
      made.ConstraintDetail?.ConstraintId,
    );
    const second = await errorOf(
      constrain(p.admin.catalog, p, { LocalRoleName: LAUNCH_ROLE }, 'launch-2'),
    );
    expect(second.name).toBe('DuplicateResourceException');

    const { ConstraintDetails } = await p.admin.catalog.send(
      new ListConstraintsForPortfolioCommand({
        PortfolioId: p.portfolioId,
        ProductId: p.productId,
      }),
    );
    expect(ConstraintDetails?.map(c => c.Type)).toEqual(['LAUNCH']);
    const described = await p.admin.catalog.send(
      new DescribeConstraintCommand({
        Id: made.ConstraintDetail!.ConstraintId!,
      }),
    );
    expect(JSON.parse(described.ConstraintParameters!)).toEqual({
      LocalRoleName: LAUNCH_ROLE,
    });
  });

  it("runs the stack as the launch role, so the suite's member role launches what it may not create itself", async () => {
    const p = await studioProduct();
    await makeLaunchRole(PROJECT_DEV, launchPolicy);
    await constrain(p.admin.catalog, p, { LocalRoleName: LAUNCH_ROLE });
    const record = await launch(await memberCatalog(PROJECT_DEV), p);
    expect(record.RecordDetail?.Status).toBe('SUCCEEDED');
    expect(record.RecordDetail?.LaunchRoleArn).toBe(
      `arn:aws:iam::${PROJECT_DEV}:role/${LAUNCH_ROLE}`,
    );
  });

  it("fails the stack on the launch role's first call its policy does not allow", async () => {
    const p = await studioProduct();
    await makeLaunchRole(PROJECT_DEV); // no policy: it may do nothing
    await constrain(p.admin.catalog, p, { LocalRoleName: LAUNCH_ROLE });
    const record = await launch(await memberCatalog(PROJECT_DEV), p);
    expect(record.RecordDetail?.Status).toBe('FAILED');
    expect(record.RecordDetail?.RecordErrors?.[0]?.Description).toMatch(
      new RegExp(
        `assumed-role/${LAUNCH_ROLE}/.* is not authorized to perform: kms:CreateKey`,
      ),
    );
  });

  it("judges the stack by the launching principal's own policy without a constraint", async () => {
    const p = await studioProduct();
    const record = await launch(await memberCatalog(PROJECT_DEV), p);
    expect(record.RecordDetail?.Status).toBe('FAILED');
    expect(record.RecordDetail?.RecordErrors?.[0]?.Description).toMatch(
      /assumed-role\/ml-environments-member\/suite is not authorized to perform: kms:CreateKey on resource: \* because no identity-based policy allows/,
    );
    expect(record.RecordDetail?.LaunchRoleArn).toBeUndefined();
  });

  it('refuses a launch from an account that lacks the LocalRoleName role', async () => {
    const p = await studioProduct();
    await makeLaunchRole(PROJECT_DEV, launchPolicy);
    await constrain(p.admin.catalog, p, { LocalRoleName: LAUNCH_ROLE });
    await p.admin.catalog.send(
      new CreatePortfolioShareCommand({
        PortfolioId: p.portfolioId,
        AccountId: SANDBOX,
      }),
    );
    const sandbox = await clientsIn(emulator, SANDBOX);
    await sandbox.catalog.send(
      new AcceptPortfolioShareCommand({ PortfolioId: p.portfolioId }),
    );
    await sandbox.catalog.send(
      new AssociatePrincipalWithPortfolioCommand({
        PortfolioId: p.portfolioId,
        PrincipalARN: `arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole`,
        PrincipalType: 'IAM',
      }),
    );
    const refused = await errorOf(launch(sandbox.catalog, p));
    expect(refused.name).toBe('InvalidParametersException');
    expect(refused.message).toContain(
      `arn:aws:iam::${SANDBOX}:role/${LAUNCH_ROLE}`,
    );
    // Once the account baseline makes it there, the launch goes through.
    await makeLaunchRole(SANDBOX, launchPolicy);
    expect((await launch(sandbox.catalog, p)).RecordDetail?.Status).toBe(
      'SUCCEEDED',
    );
  });
});
