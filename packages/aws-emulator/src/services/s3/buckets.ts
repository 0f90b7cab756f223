// S3's buckets and objects as the emulator keeps them, and S3's rules for
// them; the operations are in index.ts.
import { createHash } from 'node:crypto';
import { AwsError } from '../../errors.ts';
import type { EmulatorState } from '../../state.ts';
import type { BucketRecord } from '../../stateResources.ts';
import {
  type S3Caller,
  bucketPolicyAllows,
  checkExpectedOwner,
} from './bucketPolicy.ts';

/** A call on a bucket: who makes it, as which action, with which owner expected. */
export interface BucketAccess extends S3Caller {
  /** The IAM action, e.g. `s3:PutObject`. */
  action: string;
  /** The object's key, for object calls. */
  key?: string;
  expectedOwner?: unknown;
}

/** S3's bucket naming rules (general purpose buckets). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const noSuchBucket = (name: string) =>
  new AwsError('NoSuchBucket', 'The specified bucket does not exist', {
    status: 404,
    fields: { BucketName: name },
  });

const accessDenied = () =>
  new AwsError('AccessDenied', 'Access Denied', { status: 403 });

/** Why a name is not a valid bucket name, or undefined. */
export function bucketNameProblem(name: string): string | undefined {
  if (!BUCKET_NAME.test(name)) {
    return 'Bucket names are 3 to 63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit.';
  }
  if (/\.\./.test(name) || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    return 'Bucket names may not hold two adjacent periods or look like an IP address.';
  }
  return undefined;
}

/**
 * Creates a bucket as CreateBucket does: names are unique across all
 * accounts; re-creating one's own bucket is BucketAlreadyOwnedByYou except
 * in us-east-1, where S3 answers 200 for legacy compatibility.
 */
export function createBucket(
  state: EmulatorState,
  accountId: string,
  region: string,
  name: string,
  tags: Record<string, string> = {},
): BucketRecord {
  const problem = bucketNameProblem(name);
  if (problem) {
    throw new AwsError('InvalidBucketName', problem, {
      fields: { BucketName: name },
    });
  }
  const existing = state.buckets.get(name);
  if (existing) {
    if (existing.accountId !== accountId) {
      throw new AwsError(
        'BucketAlreadyExists',
        'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
        { status: 409, fields: { BucketName: name } },
      );
    }
    if (existing.region === 'us-east-1' && region === 'us-east-1') {
      return existing;
    }
    throw new AwsError(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      { status: 409, fields: { BucketName: name } },
    );
  }
  const bucket: BucketRecord = {
    name,
    accountId,
    region,
    createdAt: new Date(),
    objects: new Map(),
    tags,
  };
  state.buckets.set(name, bucket);
  return bucket;
}

/**
 * The caller's own bucket. Another account's is AccessDenied unless the
 * call says who it is and the bucket's policy grants it; with an expected
 * owner, any other account's is AccessDenied.
 */
export function ownBucket(
  state: EmulatorState,
  accountId: string,
  name: string,
  access?: Omit<BucketAccess, 'accountId'>,
) {
  const bucket = state.buckets.get(name);
  if (!bucket) throw noSuchBucket(name);
  checkExpectedOwner(bucket, access?.expectedOwner);
  if (bucket.accountId === accountId) return bucket;
  const resource = `arn:aws:s3:::${name}${
    access?.key === undefined ? '' : `/${access.key}`
  }`;
  if (
    access &&
    bucketPolicyAllows(
      bucket,
      { ...access, accountId },
      access.action,
      resource,
    )
  ) {
    return bucket;
  }
  throw accessDenied();
}

export function putObject(
  bucket: BucketRecord,
  key: string,
  body: string,
  contentType = 'binary/octet-stream',
  metadata: Record<string, string> = {},
) {
  const etag = `"${createHash('md5').update(body).digest('hex')}"`;
  bucket.objects.set(key, {
    body,
    contentType,
    etag,
    lastModified: new Date(),
    metadata,
  });
  return etag;
}

/** An object's text, as an account reads it; S3's errors when it cannot. */
export function readObject(
  state: EmulatorState,
  accountId: string,
  bucketName: string,
  key: string,
  access?: Omit<BucketAccess, 'accountId' | 'key'>,
) {
  const bucket = ownBucket(
    state,
    accountId,
    bucketName,
    access && { ...access, key },
  );
  const object = bucket.objects.get(key);
  if (!object) {
    throw new AwsError('NoSuchKey', 'The specified key does not exist.', {
      status: 404,
      fields: { Key: key },
    });
  }
  return object;
}
