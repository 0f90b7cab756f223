import {
  CloseAccountCommand,
  CreateOrganizationalUnitCommand,
  DescribeAccountCommand,
  DeleteOrganizationalUnitCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  ListPortfoliosCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import {
  CreateDomainCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import type { RunningEmulator } from './server.ts';
import {
  SUITE_ACCESS_KEY,
  SUITE_MANAGEMENT_ROLE,
  SUITE_MEMBER_ROLE,
} from './seedSuite.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const DEV = '222222222222';
const SHARED = '333333333333';
const ACQUIRED = '444444444444';
const seed = {
  accounts: [
    { name: 'Dev', email: 'dev@example.com', id: DEV },
    { name: 'Shared', email: 'shared@example.com', id: SHARED },
    {
      name: 'Acquired',
      email: 'acquired@example.com',
      id: ACQUIRED,
      invited: true,
    },
  ],
  iam: { suiteAccounts: { sharedServices: 'Shared' } },
};

describe("the suite's principals and their generated identity policies", () => {
  let emulator: RunningEmulator;
  let rootId: string;

  beforeEach(async () => {
    ({ emulator, rootId } = await startTestEmulator({ seed }));
  });
  afterEach(() => emulator.close());

  const suite = () => clientConfig(emulator, SUITE_ACCESS_KEY);

  /** Credentials of a role in an account, assumed as `accessKey`. */
  async function asRole(
    accountId: string,
    roleName: string,
    accessKey = SUITE_ACCESS_KEY,
  ) {
    const { Credentials } = await new STSClient(
      clientConfig(emulator, accessKey),
    ).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
        RoleSessionName: 'test',
      }),
    );
    return clientConfig(
      emulator,
      Credentials!.AccessKeyId!,
      Credentials!.SessionToken,
    );
  }

  it('acts as the backend role in the management account', async () => {
    const identity = await new STSClient(suite()).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Arn).toBe(
      `arn:aws:sts::111111111111:assumed-role/${SUITE_MANAGEMENT_ROLE}/${SUITE_MANAGEMENT_ROLE}`,
    );
  });

  it('answers a management call outside the policy with AccessDenied', async () => {
    const organizations = new OrganizationsClient(suite());
    const { OrganizationalUnit } = await organizations.send(
      new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Team' }),
    );
    const error = await errorOf(
      organizations.send(
        new DeleteOrganizationalUnitCommand({
          OrganizationalUnitId: OrganizationalUnit!.Id,
        }),
      ),
    );
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      `User: arn:aws:sts::111111111111:assumed-role/${SUITE_MANAGEMENT_ROLE}/${SUITE_MANAGEMENT_ROLE} is not authorized to perform: organizations:DeleteOrganizationalUnit on resource: * because no identity-based policy allows the organizations:DeleteOrganizationalUnit action`,
    );
    // The administrator's key is unaffected.
    await new OrganizationsClient(clientConfig(emulator)).send(
      new DeleteOrganizationalUnitCommand({
        OrganizationalUnitId: OrganizationalUnit!.Id,
      }),
    );
  });

  it('refuses the member role what only the management principal may do', async () => {
    const member = await asRole(DEV, SUITE_MEMBER_ROLE);
    const error = await errorOf(
      new OrganizationsClient(member).send(
        new CloseAccountCommand({ AccountId: DEV }),
      ),
    );
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toMatch(
      new RegExp(
        `^User: arn:aws:sts::${DEV}:assumed-role/${SUITE_MEMBER_ROLE}/test is not authorized to perform: organizations:CloseAccount on resource: \\* because no identity-based policy allows the organizations:CloseAccount action$`,
      ),
    );
    const domain = await errorOf(
      new SageMakerClient(member).send(
        new CreateDomainCommand({
          DomainName: 'd',
          AuthMode: 'IAM',
          DefaultUserSettings: {},
          SubnetIds: ['subnet-1'],
          VpcId: 'vpc-1',
        }),
      ),
    );
    expect(domain.message).toMatch(/sagemaker:CreateDomain action$/);
  });

  it('gives the shared services account its own policy', async () => {
    await new ServiceCatalogClient(
      await asRole(SHARED, SUITE_MEMBER_ROLE),
    ).send(new ListPortfoliosCommand({}));
    const error = await errorOf(
      new ServiceCatalogClient(await asRole(DEV, SUITE_MEMBER_ROLE)).send(
        new ListPortfoliosCommand({}),
      ),
    );
    expect(error.name).toBe('AccessDeniedException');
  });

  it("keeps the shared services role to its own account's templates bucket (s3:ResourceAccount), whatever another's policy grants", async () => {
    const s3Of = async (accountId: string) =>
      new S3Client({
        ...(await asRole(accountId, SUITE_MEMBER_ROLE)),
        forcePathStyle: true,
      });
    const shared = await s3Of(SHARED);
    // Dev (standing in for anyone) takes a predictable name first and
    // lets everyone write to it.
    const admin = new S3Client({
      ...(await asRole(
        DEV,
        'OrganizationAccountAccessRole',
        'emulator-management',
      )),
      forcePathStyle: true,
    });
    const squatted = `mlgov-products-${SHARED}-us-east-1`;
    await admin.send(new CreateBucketCommand({ Bucket: squatted }));
    await admin.send(
      new PutBucketPolicyCommand({
        Bucket: squatted,
        Policy: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:*',
              Resource: [
                `arn:aws:s3:::${squatted}`,
                `arn:aws:s3:::${squatted}/*`,
              ],
            },
          ],
        }),
      }),
    );
    const refused = await errorOf(
      shared.send(
        new PutObjectCommand({ Bucket: squatted, Key: 't.json', Body: '{}' }),
      ),
    );
    expect(refused.name).toBe('AccessDenied');
    expect(refused.message).toMatch(
      /not authorized to perform: s3:PutObject .* because no identity-based policy allows/,
    );
    expect(emulator.state.buckets.get(squatted)!.objects.size).toBe(0);
    // Its own account's bucket it may use.
    await shared.send(
      new CreateBucketCommand({ Bucket: 'mlgov-products-own' }),
    );
    await shared.send(
      new PutObjectCommand({
        Bucket: 'mlgov-products-own',
        Key: 't.json',
        Body: '{}',
      }),
    );
    await shared.send(new HeadBucketCommand({ Bucket: 'mlgov-products-own' }));
  });

  it('lets the backend assume only the suite member role', async () => {
    const error = await errorOf(asRole(DEV, 'OrganizationAccountAccessRole'));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toMatch(
      /on resource: arn:aws:iam::222222222222:role\/OrganizationAccountAccessRole because no identity-based policy allows the sts:AssumeRole action$/,
    );
  });

  it('leaves OrganizationAccountAccessRole an administrator', async () => {
    const admin = await asRole(
      DEV,
      'OrganizationAccountAccessRole',
      'emulator-management',
    );
    const { DomainArn } = await new SageMakerClient(admin).send(
      new CreateDomainCommand({
        DomainName: 'd',
        AuthMode: 'IAM',
        DefaultUserSettings: {},
        SubnetIds: ['subnet-1'],
        VpcId: 'vpc-1',
      }),
    );
    expect(DomainArn).toMatch(
      /^arn:aws:sagemaker:us-east-1:222222222222:domain\//,
    );
  });

  it('has no role in an invited account, neither the access role nor the suite role', async () => {
    const { Account } = await new OrganizationsClient(
      clientConfig(emulator),
    ).send(new DescribeAccountCommand({ AccountId: ACQUIRED }));
    expect(Account?.JoinedMethod).toBe('INVITED');
    for (const [role, key] of [
      ['OrganizationAccountAccessRole', 'emulator-management'],
      [SUITE_MEMBER_ROLE, SUITE_ACCESS_KEY],
    ]) {
      const error = await errorOf(asRole(ACQUIRED, role, key));
      expect(error.name).toBe('AccessDenied');
    }
  });

  it('checks nothing with enforceIdentityPolicies off', async () => {
    await emulator.close();
    ({ emulator } = await startTestEmulator({
      seed,
      config: { enforceIdentityPolicies: false },
    }));
    const member = await asRole(DEV, SUITE_MEMBER_ROLE);
    await expect(
      new ServiceCatalogClient(member).send(new ListPortfoliosCommand({})),
    ).resolves.toBeDefined();
  });
});
