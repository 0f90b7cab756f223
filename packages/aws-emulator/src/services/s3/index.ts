// A minimal S3: buckets in one namespace shared by every account, objects
// kept as text, path-style requests only. Enough for product templates and
// the buckets products create; see docs/aws-emulator.md.
import type { CallContext, Handlers } from '../../context.ts';
import { AwsError } from '../../errors.ts';
import type { BucketRecord } from '../../stateResources.ts';
import { principalArnOf } from '../../scp/requestContext.ts';
import { createBucket, ownBucket, putObject, readObject } from './buckets.ts';
import { getBucketEncryption, putBucketEncryption } from './encryption.ts';
import { type S3Answer, element, xmlDocument } from './wire.ts';

export {
  bucketNameProblem,
  createBucket,
  ownBucket,
  putObject,
  readObject,
} from './buckets.ts';

/**
 * The IAM action that authorizes each S3 operation where the names differ
 * (AWS's service authorization reference): HEAD and List calls are
 * authorized by the actions of the data they read. For the SCP and identity
 * checks, which otherwise take the operation's name as the action.
 */
export const S3_IAM_ACTIONS: Readonly<Record<string, string>> = {
  HeadObject: 'GetObject',
  HeadBucket: 'ListBucket',
  ListObjectsV2: 'ListBucket',
  ListBuckets: 'ListAllMyBuckets',
  GetBucketEncryption: 'GetEncryptionConfiguration',
  PutBucketEncryption: 'PutEncryptionConfiguration',
};

export const s3Mutations: ReadonlySet<string> = new Set([
  'CreateBucket',
  'PutBucketPolicy',
  'PutBucketEncryption',
  'PutObject',
  'DeleteObject',
]);

/** Who calls as which action, and the bucket owner it expects (ExpectedBucketOwner). */
const accessOf = (
  { caller }: CallContext,
  input: any,
  action: string,
  key?: string,
) => ({
  principalArn: principalArnOf(caller),
  action,
  key,
  expectedOwner: input.ExpectedBucketOwner,
});

function objectHeaders(
  object: NonNullable<ReturnType<BucketRecord['objects']['get']>>,
) {
  return {
    'content-type': object.contentType,
    'content-length': String(Buffer.byteLength(object.body)),
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    ...Object.fromEntries(
      Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]),
    ),
  };
}

function listObjectsV2(ctx: CallContext, input: any): S3Answer {
  const bucket = ownBucket(
    ctx.state,
    ctx.caller.accountId,
    input.Bucket,
    accessOf(ctx, input, 's3:ListBucket'),
  );
  const prefix: string = input.Prefix ?? '';
  const maxKeys = Math.min(Math.max(input.MaxKeys ?? 1000, 0), 1000);
  const keys = [...bucket.objects.keys()]
    .filter(k => k.startsWith(prefix))
    .sort();
  const start = input.ContinuationToken
    ? Number(Buffer.from(input.ContinuationToken, 'base64url').toString())
    : 0;
  if (!Number.isInteger(start) || start < 0 || start > keys.length) {
    throw new AwsError(
      'InvalidArgument',
      'The continuation token provided is incorrect',
    );
  }
  const page = keys.slice(start, start + maxKeys);
  const next = start + maxKeys < keys.length ? start + maxKeys : undefined;
  const contents = page
    .map(key => {
      const o = bucket.objects.get(key)!;
      return `<Contents>${element('Key', key)}${element(
        'LastModified',
        o.lastModified.toISOString(),
      )}${element('ETag', o.etag)}${element(
        'Size',
        Buffer.byteLength(o.body),
      )}${element('StorageClass', 'STANDARD')}</Contents>`;
    })
    .join('');
  return {
    s3Body: xmlDocument(
      'ListBucketResult',
      `${element('Name', bucket.name)}${element('Prefix', prefix)}${element(
        'KeyCount',
        page.length,
      )}${element('MaxKeys', maxKeys)}${element(
        'IsTruncated',
        next !== undefined,
      )}${contents}${
        next !== undefined
          ? element(
              'NextContinuationToken',
              Buffer.from(String(next)).toString('base64url'),
            )
          : ''
      }${
        input.ContinuationToken
          ? element('ContinuationToken', input.ContinuationToken)
          : ''
      }`,
    ),
  };
}

export function s3Handlers(): Handlers {
  return {
    CreateBucket: ({ state, caller, region }, input): S3Answer => {
      const wanted = input.CreateBucketConfiguration?.LocationConstraint;
      // us-east-1 is the default location and may not be named as one.
      if (wanted === 'us-east-1') {
        throw new AwsError(
          'InvalidLocationConstraint',
          'The specified location-constraint is not valid',
          { fields: { LocationConstraint: wanted } },
        );
      }
      if (wanted && wanted !== region) {
        throw new AwsError(
          'IllegalLocationConstraintException',
          `The ${wanted} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        );
      }
      createBucket(state, caller.accountId, wanted || region, input.Bucket);
      return { s3Headers: { location: `/${input.Bucket}` } };
    },
    HeadBucket: (ctx, input): S3Answer => {
      const bucket = ownBucket(
        ctx.state,
        ctx.caller.accountId,
        input.Bucket,
        accessOf(ctx, input, 's3:ListBucket'),
      );
      return { s3Headers: { 'x-amz-bucket-region': bucket.region } };
    },
    ListBuckets: ({ state, caller }): S3Answer => ({
      s3Body: xmlDocument(
        'ListAllMyBucketsResult',
        `<Buckets>${[...state.buckets.values()]
          .filter(b => b.accountId === caller.accountId)
          .map(
            b =>
              `<Bucket>${element('Name', b.name)}${element(
                'CreationDate',
                b.createdAt.toISOString(),
              )}</Bucket>`,
          )
          .join('')}</Buckets><Owner>${element(
          'ID',
          caller.accountId,
        )}</Owner>`,
      ),
    }),
    PutBucketPolicy: (ctx, input): S3Answer => {
      const bucket = ownBucket(ctx.state, ctx.caller.accountId, input.Bucket, {
        ...accessOf(ctx, input, 's3:PutBucketPolicy'),
      });
      try {
        JSON.parse(input.Policy);
      } catch {
        throw new AwsError('MalformedPolicy', 'Policies must be valid JSON.');
      }
      bucket.policy = input.Policy;
      return { s3Status: 204 };
    },
    GetBucketPolicy: (ctx, input): S3Answer => {
      const bucket = ownBucket(
        ctx.state,
        ctx.caller.accountId,
        input.Bucket,
        accessOf(ctx, input, 's3:GetBucketPolicy'),
      );
      if (!bucket.policy) {
        throw new AwsError(
          'NoSuchBucketPolicy',
          'The bucket policy does not exist',
          { status: 404, fields: { BucketName: bucket.name } },
        );
      }
      return {
        s3Headers: { 'content-type': 'application/json' },
        s3Body: bucket.policy,
      };
    },
    GetBucketEncryption: (ctx, input): S3Answer =>
      getBucketEncryption(
        ownBucket(
          ctx.state,
          ctx.caller.accountId,
          input.Bucket,
          accessOf(ctx, input, 's3:GetEncryptionConfiguration'),
        ),
      ),
    PutBucketEncryption: (ctx, input): S3Answer =>
      putBucketEncryption(
        ownBucket(
          ctx.state,
          ctx.caller.accountId,
          input.Bucket,
          accessOf(ctx, input, 's3:PutEncryptionConfiguration'),
        ),
        input.ServerSideEncryptionConfiguration,
      ),
    PutObject: (ctx, input): S3Answer => {
      const bucket = ownBucket(
        ctx.state,
        ctx.caller.accountId,
        input.Bucket,
        accessOf(ctx, input, 's3:PutObject', input.Key),
      );
      const etag = putObject(
        bucket,
        input.Key,
        input.Body ?? '',
        input.ContentType,
        input.Metadata,
      );
      return { s3Headers: { etag } };
    },
    GetObject: (ctx, input): S3Answer => {
      const object = readObject(
        ctx.state,
        ctx.caller.accountId,
        input.Bucket,
        input.Key,
        accessOf(ctx, input, 's3:GetObject'),
      );
      return { s3Headers: objectHeaders(object), s3Body: object.body };
    },
    HeadObject: (ctx, input): S3Answer => {
      const object = readObject(
        ctx.state,
        ctx.caller.accountId,
        input.Bucket,
        input.Key,
        accessOf(ctx, input, 's3:GetObject'),
      );
      return { s3Headers: objectHeaders(object) };
    },
    DeleteObject: (ctx, input): S3Answer => {
      ownBucket(
        ctx.state,
        ctx.caller.accountId,
        input.Bucket,
        accessOf(ctx, input, 's3:DeleteObject', input.Key),
      ).objects.delete(input.Key);
      return { s3Status: 204 };
    },
    ListObjectsV2: listObjectsV2,
  };
}
