import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateProductCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

// The last bullets of "Known differences from AWS" in docs/aws-emulator.md,
// after those knownDifferences.test.ts proves (docs.test.ts reads both).

const OTHER_KEY = 'other-account';
let emulator: RunningEmulator;
let s3: S3Client;
beforeAll(async () => {
  ({ emulator } = await startTestEmulator({
    seed: {
      accounts: [
        { name: 'Other', email: 'other@example.com', id: '222222222222' },
      ],
      accessKeys: {
        'emulator-management': '111111111111',
        [OTHER_KEY]: 'Other',
      },
    },
  }));
  s3 = new S3Client({ ...clientConfig(emulator), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'known-differences' }));
});
afterAll(() => emulator.close());

describe('S3', () => {
  it("grants another account nothing through a bucket policy's conditional Allow", async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: 'known-differences',
        Key: 'shared.txt',
        Body: 'hello',
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'known-differences',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::222222222222:root' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::known-differences/*',
              // Holds for every SDK call on AWS, which would allow it.
              Condition: { Bool: { 'aws:SecureTransport': 'true' } },
            },
          ],
        }),
      }),
    );
    const other = new S3Client({
      ...clientConfig(emulator, OTHER_KEY),
      forcePathStyle: true,
    });
    const refused = await errorOf(
      other.send(
        new GetObjectCommand({
          Bucket: 'known-differences',
          Key: 'shared.txt',
        }),
      ),
    );
    expect(refused.name).toBe('AccessDenied');
  });

  it('gives a bucket created without a default encryption none (AWS applies SSE-S3)', async () => {
    const none = await errorOf(
      s3.send(new GetBucketEncryptionCommand({ Bucket: 'known-differences' })),
    );
    expect(none.name).toBe('ServerSideEncryptionConfigurationNotFoundError');
  });
});

describe('CloudFormation', () => {
  it('refuses, when the artifact is created, a resource type AWS knows and the emulator does not', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: 'known-differences',
        Key: 'vpc.yaml',
        Body: 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n',
      }),
    );
    const refused = await errorOf(
      new ServiceCatalogClient(clientConfig(emulator)).send(
        new CreateProductCommand({
          Name: 'network',
          Owner: 'Platform',
          ProductType: 'CLOUD_FORMATION_TEMPLATE',
          IdempotencyToken: 'network-1',
          ProvisioningArtifactParameters: {
            Type: 'CLOUD_FORMATION_TEMPLATE',
            Info: {
              LoadTemplateFromURL: `${emulator.url}/known-differences/vpc.yaml`,
            },
          },
        }),
      ),
    );
    expect(refused.name).toBe('InvalidParametersException');
    expect(refused.message).toMatch(
      /Template format error: Unrecognized resource types: \[AWS::EC2::VPC\]/,
    );
  });
});
