import { GuardrailStatus } from '../schema/openapi/generated/models';
import { conformanceProblems, withConformance } from './conformance';
import { OrganizationSnapshot } from './snapshot';

const KEY = 'arn:aws:kms:us-east-1:200000000011:key/product-key';
const ACCOUNT = '200000000011';

function snapshot(encryption: Record<string, unknown> | undefined) {
  const result: OrganizationSnapshot = {
    takenAt: '2026-12-07T00:00:00Z',
    organizationId: 'o-1',
    rootId: 'r-1',
    ous: [],
    accounts: [
      {
        id: ACCOUNT,
        name: 'churn-dev',
        email: 'churn-dev@example.com',
        parentId: 'r-1',
        tags: {},
      } as OrganizationSnapshot['accounts'][number],
    ],
    policies: [
      {
        id: 'p-full',
        name: 'FullAWSAccess',
        awsManaged: true,
        content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
        targets: ['r-1', ACCOUNT],
      },
    ],
    controls: [],
    compliance: [],
    products: [
      {
        accountId: ACCOUNT,
        name: 'churn-model-build',
        status: 'AVAILABLE',
        outputs: { ArtifactBucketName: 'churn-artifacts', ArtifactKeyArn: KEY },
        resources: [
          {
            logicalId: 'ArtifactBucket',
            type: 'AWS::S3::Bucket',
            physicalId: 'churn-artifacts',
            properties: {
              BucketEncryption: {
                ServerSideEncryptionConfiguration: encryption
                  ? [{ ServerSideEncryptionByDefault: encryption }]
                  : [],
              },
            },
          },
        ],
      },
    ],
  };
  return result;
}

const guardrail = (guardrailId: string): GuardrailStatus =>
  ({ guardrailId, state: 'ok', reason: '' } as unknown as GuardrailStatus);

describe("an artifact bucket's default encryption", () => {
  it("conforms when it is SSE-KMS with the product's key", () => {
    expect(
      conformanceProblems(
        snapshot({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY }),
        ACCOUNT,
      ),
    ).toEqual([]);
  });

  it.each([
    [{ SSEAlgorithm: 'AES256' }, 'is AES256, not SSE-KMS'],
    [undefined, 'is not set'],
    [
      { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `${KEY}-other` },
      `uses the KMS key ${KEY}-other, not the product's key`,
    ],
    [{ SSEAlgorithm: 'aws:kms' }, "uses the KMS key S3's AWS managed key"],
  ])('is drift when it is %j', (encryption, reason) => {
    const [problem, ...more] = conformanceProblems(
      snapshot(encryption),
      ACCOUNT,
    );
    expect(more).toEqual([]);
    expect(problem).toMatchObject({
      product: 'churn-model-build',
      resource: 'ArtifactBucket',
      physicalId: 'churn-artifacts',
    });
    expect(problem.reason).toContain(reason);
  });

  it('drifts the first encryption guardrail the account carries, saying what to do', () => {
    const problems = conformanceProblems(
      snapshot({ SSEAlgorithm: 'AES256' }),
      ACCOUNT,
    );
    const workloads = withConformance(
      [guardrail('require-kms'), guardrail('require-encryption-in-transit')],
      problems,
    );
    expect(workloads.map(g => g.state)).toEqual(['drifted', 'ok']);
    expect(workloads[0].reason).toBe(
      `ArtifactBucket churn-artifacts of product churn-model-build no longer conforms: its default encryption is AES256, not SSE-KMS (aws:kms) with the product's key. Restore the default encryption to the product's KMS key ${KEY} or terminate and relaunch the product`,
    );
    // A Deployments account carries no require-kms.
    const deployments = withConformance(
      [guardrail('deny-public-s3'), guardrail('require-encryption-in-transit')],
      problems,
    );
    expect(deployments.map(g => g.state)).toEqual(['ok', 'drifted']);
    // Without an encryption guardrail nothing requires it.
    expect(
      withConformance([guardrail('deny-public-s3')], problems)[0].state,
    ).toBe('ok');
  });
});
