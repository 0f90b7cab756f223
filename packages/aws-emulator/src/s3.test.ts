import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const OTHER_KEY = 'other-account';

describe('S3', () => {
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
  });
  afterEach(() => emulator.close());

  it('stores and reads objects through the SDK, path-style', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'templates-111' }));
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'templates-111',
        Key: 'studio/v1/template.json',
        Body: '{"Resources":{}}',
        ContentType: 'application/json',
        Metadata: { version: 'v1' },
      }),
    );
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await s3.send(
      new GetObjectCommand({
        Bucket: 'templates-111',
        Key: 'studio/v1/template.json',
      }),
    );
    expect(await got.Body!.transformToString()).toBe('{"Resources":{}}');
    expect(got.ContentType).toBe('application/json');
    expect(got.Metadata).toEqual({ version: 'v1' });
    const head = await s3.send(
      new HeadObjectCommand({
        Bucket: 'templates-111',
        Key: 'studio/v1/template.json',
      }),
    );
    expect(head.ContentLength).toBe(16);
    expect(head.ETag).toBe(put.ETag);
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: 'templates-111', Prefix: 'studio/' }),
    );
    expect(listed.Contents?.map(c => c.Key)).toEqual([
      'studio/v1/template.json',
    ]);
    expect(listed.KeyCount).toBe(1);
  });

  it('answers missing buckets and keys with S3 errors', async () => {
    const noBucket = await errorOf(
      s3.send(new GetObjectCommand({ Bucket: 'nothing-here', Key: 'k' })),
    );
    expect(noBucket.name).toBe('NoSuchBucket');
    expect(noBucket.$metadata.httpStatusCode).toBe(404);
    await s3.send(new CreateBucketCommand({ Bucket: 'templates-111' }));
    const noKey = await errorOf(
      s3.send(
        new GetObjectCommand({ Bucket: 'templates-111', Key: 'missing.json' }),
      ),
    );
    expect(noKey.name).toBe('NoSuchKey');
    const head = await errorOf(
      s3.send(
        new HeadObjectCommand({ Bucket: 'templates-111', Key: 'missing.json' }),
      ),
    );
    expect(head.$metadata.httpStatusCode).toBe(404);
    const named = await errorOf(
      s3.send(
        new CreateBucketCommand({
          Bucket: 'virginia',
          CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as any },
        }),
      ),
    );
    // AWS answers InvalidLocationConstraint; the model's enum check, which
    // lacks us-east-1, answers first here.
    expect(named.$metadata.httpStatusCode).toBe(400);
    expect(named.message).toMatch(/LocationConstraint/);
    const badName = await errorOf(
      s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })),
    );
    expect(badName.name).toBe('InvalidBucketName');
  });

  it('keeps one bucket namespace across accounts, as S3 does', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'shared-name' }));
    const taken = await errorOf(
      other.send(new CreateBucketCommand({ Bucket: 'shared-name' })),
    );
    expect(taken.name).toBe('BucketAlreadyExists');
    expect(taken.$metadata.httpStatusCode).toBe(409);
    // us-east-1 answers 200 to its owner for legacy compatibility; elsewhere it is an error.
    await s3.send(new CreateBucketCommand({ Bucket: 'shared-name' }));
    const west = new S3Client({
      ...clientConfig(emulator),
      region: 'eu-west-1',
      forcePathStyle: true,
    });
    await west.send(
      new CreateBucketCommand({
        Bucket: 'west-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    const again = await errorOf(
      west.send(
        new CreateBucketCommand({
          Bucket: 'west-bucket',
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
        }),
      ),
    );
    expect(again.name).toBe('BucketAlreadyOwnedByYou');
    const denied = await errorOf(
      other.send(new GetObjectCommand({ Bucket: 'shared-name', Key: 'k' })),
    );
    expect(denied.name).toBe('AccessDenied');
  });

  it('reaches another account’s bucket only through its policy, and never with another ExpectedBucketOwner', async () => {
    // The other account takes a name first and opens it to everyone.
    await other.send(new CreateBucketCommand({ Bucket: 'squatted-name' }));
    const put = (ExpectedBucketOwner?: string) =>
      s3.send(
        new PutObjectCommand({
          Bucket: 'squatted-name',
          Key: 't.json',
          Body: '{}',
          ExpectedBucketOwner,
        }),
      );
    expect((await errorOf(put())).name).toBe('AccessDenied');
    await other.send(
      new PutBucketPolicyCommand({
        Bucket: 'squatted-name',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: ['s3:PutObject', 's3:GetObject', 's3:ListBucket'],
              Resource: [
                'arn:aws:s3:::squatted-name',
                'arn:aws:s3:::squatted-name/*',
              ],
            },
          ],
        }),
      }),
    );
    // As in AWS, the policy lets the upload land in the other's bucket...
    await put();
    expect(
      emulator.state.buckets.get('squatted-name')!.objects.has('t.json'),
    ).toBe(true);
    // ...unless the caller says whose bucket it expects: 403, whatever
    // the policy grants, on bucket and object calls alike.
    const refused = await errorOf(put('111111111111'));
    expect(refused.name).toBe('AccessDenied');
    expect(refused.$metadata.httpStatusCode).toBe(403);
    const head = await errorOf(
      s3.send(
        new HeadBucketCommand({
          Bucket: 'squatted-name',
          ExpectedBucketOwner: '111111111111',
        }),
      ),
    );
    expect(head.$metadata.httpStatusCode).toBe(403);
    // The right owner passes, and a missing bucket is still NoSuchBucket.
    await s3.send(
      new HeadBucketCommand({
        Bucket: 'squatted-name',
        ExpectedBucketOwner: '222222222222',
      }),
    );
    const missing = await errorOf(
      s3.send(
        new HeadBucketCommand({
          Bucket: 'nobody-has-it',
          ExpectedBucketOwner: '111111111111',
        }),
      ),
    );
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });
});
