import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  PutBucketEncryptionCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const OTHER_KEY = 'other-account';
const KEY = 'arn:aws:kms:us-east-1:111111111111:key/artifact-key';

describe("S3 buckets' default encryption", () => {
  let emulator: RunningEmulator;
  let s3: S3Client;
  let other: S3Client;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator({
      seed: {
        accounts: [
          { name: 'Other', email: 'other@example.com', id: '222222222222' },
        ],
        accessKeys: {
          [OTHER_KEY]: 'Other',
          'emulator-management': '111111111111',
        },
      },
    }));
    s3 = new S3Client({ ...clientConfig(emulator), forcePathStyle: true });
    other = new S3Client({
      ...clientConfig(emulator, OTHER_KEY),
      forcePathStyle: true,
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'artifacts-111' }));
  });
  afterEach(() => emulator.close());

  const read = () =>
    s3.send(new GetBucketEncryptionCommand({ Bucket: 'artifacts-111' }));
  const put = (SSEAlgorithm: any, KMSMasterKeyID?: string) =>
    s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'artifacts-111',
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm,
                KMSMasterKeyID,
              },
              BucketKeyEnabled: Boolean(KMSMasterKeyID),
            },
          ],
        },
      }),
    );

  it('answers ServerSideEncryptionConfigurationNotFoundError while none is set', async () => {
    const error = await errorOf(read());
    expect(error.name).toBe('ServerSideEncryptionConfigurationNotFoundError');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('keeps what PutBucketEncryption sets and answers it in the API shape', async () => {
    await put('aws:kms', KEY);
    expect((await read()).ServerSideEncryptionConfiguration).toEqual({
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: KEY,
          },
          BucketKeyEnabled: true,
        },
      ],
    });
    // As a person in the console: back to SSE-S3.
    await put('AES256');
    expect((await read()).ServerSideEncryptionConfiguration!.Rules).toEqual([
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
        BucketKeyEnabled: false,
      },
    ]);
  });

  it('refuses a KMS key with SSE-S3, changing nothing', async () => {
    await put('aws:kms', KEY);
    const error = await errorOf(put('AES256', KEY));
    expect(error.name).toBe('InvalidArgument');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(
      (await read()).ServerSideEncryptionConfiguration!.Rules![0]
        .ApplyServerSideEncryptionByDefault,
    ).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY });
  });

  it("gives another account neither the bucket's encryption nor a way to change it", async () => {
    await put('aws:kms', KEY);
    const reading = await errorOf(
      other.send(new GetBucketEncryptionCommand({ Bucket: 'artifacts-111' })),
    );
    expect(reading.name).toBe('AccessDenied');
    const changing = await errorOf(
      other.send(
        new PutBucketEncryptionCommand({
          Bucket: 'artifacts-111',
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
              },
            ],
          },
        }),
      ),
    );
    expect(changing.name).toBe('AccessDenied');
    expect(
      (await read()).ServerSideEncryptionConfiguration!.Rules![0]
        .ApplyServerSideEncryptionByDefault!.SSEAlgorithm,
    ).toBe('aws:kms');
  });
});
