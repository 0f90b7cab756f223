import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlOrganizationChangePermission } from '@mlgov/plugin-ml-environments-common';
import request from 'supertest';
import {
  GUEST,
  asUser,
  demoBackend,
  membersOf,
} from './__testUtils__/demoBackend';
import { refreshOrThrow } from './__testUtils__/refresh';

const ADMIN = 'user:default/admin';
const CHECK = '/api/ml-environments/products/check';

/**
 * The Studio product with every value a guardrail tests given literally
 * (subnets, security groups, KMS key), so only the network mode decides.
 */
const studio = (network: string) => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Description: 'SageMaker Studio domain',
  Resources: {
    StudioDomain: {
      Type: 'AWS::SageMaker::Domain',
      Properties: {
        DomainName: 'studio',
        AuthMode: 'IAM',
        AppNetworkAccessType: network,
        VpcId: 'vpc-0a1b2c3d',
        SubnetIds: ['subnet-0a1b2c3d'],
        KmsKeyId:
          'arn:aws:kms:us-east-1:200000000011:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        DefaultUserSettings: {
          ExecutionRole: 'arn:aws:iam::200000000011:role/StudioExecution',
          SecurityGroups: ['sg-0a1b2c3d'],
        },
      },
    },
  },
});

/** Everything allowed, but changing the organization only for the admin. */
function adminOnlyOrganizationChange() {
  return mockServices.permissions.mock({
    authorize: async (requests: any[], { credentials }: any) =>
      requests.map(({ permission }) => ({
        result:
          permission.name === mlOrganizationChangePermission.name &&
          credentials.principal.userEntityRef !== ADMIN
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })) as any,
  }).factory;
}

describe('POST /products/check on the demo organization', () => {
  const { startBackend } = demoBackend();

  async function backend({ refreshed = true } = {}) {
    const { server } = await startBackend([
      membersOf({ [ADMIN]: ['group:default/platform-team'] }),
      adminOnlyOrganizationChange(),
    ]);
    if (refreshed) await refreshOrThrow(server, asUser(ADMIN));
    const check = (body: object, user = ADMIN) =>
      request(server).post(CHECK).set('authorization', asUser(user)).send(body);
    return { server, check };
  }

  it("refuses a public Studio domain in Workloads_Dev, naming require-vpc's statement, and takes it in the Sandbox", async () => {
    const { check } = await backend();
    const dev = await check({
      template: studio('PublicInternetOnly'),
      targetOu: 'Workloads/Workloads_Dev',
    });
    expect(dev.status).toBe(200);
    expect(dev.body).toEqual({
      allowed: false,
      findings: [
        {
          resource: 'StudioDomain',
          action: 'sagemaker:CreateDomain',
          decision: 'denied',
          policy: 'mlgov-require-vpc',
          statement: 'StudioVpcOnly',
          reason: expect.stringContaining('mlgov-require-vpc'),
        },
      ],
    });

    // The seed's Sandbox OU carries deny-hosting, cost tags and instance
    // types, but not require-vpc.
    const sandbox = await check({
      template: studio('PublicInternetOnly'),
      targetOu: 'Sandbox',
    });
    expect(sandbox.body).toEqual({ allowed: true, findings: [] });

    // The same domain, VPC-only, passes in Workloads_Dev: only the network decided.
    const vpcOnly = await check({
      template: studio('VpcOnly'),
      targetOu: 'Workloads/Workloads_Dev',
    });
    expect(vpcOnly.body).toEqual({ allowed: true, findings: [] });
  });

  it('answers 400 for an OU the organization does not have, naming known ones, and for a body the spec refuses', async () => {
    const { check } = await backend();
    const unknown = await check({
      template: studio('VpcOnly'),
      targetOu: 'Workloads/Workloads_Staging',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.name).toBe('InputError');
    expect(unknown.body.error.message).toMatch(
      /^No OU "Workloads\/Workloads_Staging" in the organization; give an OU path from the root, such as .*Sandbox/,
    );

    const cases: Array<[object, RegExp]> = [
      [
        { template: { Parameters: {} }, targetOu: 'Sandbox' },
        /^request\/body\/template must have required property 'Resources'/,
      ],
      [
        { template: { Resources: {} }, targetOu: 'Sandbox' },
        /^request\/body\/template\/Resources must NOT have fewer than 1 properties/,
      ],
      [
        {
          template: { Resources: { Bucket: { Properties: {} } } },
          targetOu: 'Sandbox',
        },
        /^request\/body\/template\/Resources\/Bucket must have required property 'Type'/,
      ],
      [{ template: studio('VpcOnly') }, /required property 'targetOu'/],
    ];
    for (const [body, message] of cases) {
      const res = await check(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
  });

  it("takes a template as large as CloudFormation's direct upload (51,200 bytes) and refuses a body over the router's JSON limit (100 kB)", async () => {
    const { check } = await backend();
    const sized = (bytes: number) => ({
      template: { ...studio('VpcOnly'), Description: 'x'.repeat(bytes) },
      targetOu: 'Sandbox',
    });
    expect((await check(sized(51_200))).body).toEqual({
      allowed: true,
      findings: [],
    });
    const res = await check(sized(110_000));
    expect([res.status, res.body.error.message]).toEqual([
      400,
      'request entity too large',
    ]);
  });

  it('is for administrators only', async () => {
    const { check } = await backend();
    const res = await check(
      { template: studio('VpcOnly'), targetOu: 'Sandbox' },
      GUEST,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Not allowed: ml-environments.organization.change',
    );
  });

  it('fails closed, with Retry-After, before the first snapshot', async () => {
    const { check } = await backend({ refreshed: false });
    const res = await check({
      template: studio('PublicInternetOnly'),
      targetOu: 'Workloads/Workloads_Dev',
    });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body.error.message).toMatch(
      /^No snapshot of the organization yet/,
    );
  });
});
