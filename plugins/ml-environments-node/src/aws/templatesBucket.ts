import {
  CreateBucketCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { PublishableProduct } from './productPublishing';
import { ProvisioningStep } from './step';

/**
 * Where product templates are uploaded before publishing, and the account
 * that must own that bucket: the shared services account. Bucket names are
 * global and `mlgov-products-<account>-<region>` is predictable, so every
 * call on the bucket passes `ExpectedBucketOwner`.
 *
 * @public
 */
export interface TemplatesLocation {
  /** The bucket's name. */
  bucket: string;
  /** The region of the bucket and of the template URLs. */
  region: string;
  /** The shared services account id. */
  owner: string;
}

const named = (error: unknown, ...names: string[]) =>
  names.includes((error as Error)?.name);
const denied = (error: unknown) =>
  named(error, 'AccessDenied', 'Forbidden', '403') ||
  (error as any)?.$metadata?.httpStatusCode === 403;

function notOwned(location: TemplatesLocation) {
  return new Error(
    `The templates bucket ${location.bucket} belongs to another AWS account than the shared services account ${location.owner} (bucket names are global, so anyone may create a predictable one first); nothing was uploaded. Give the publish action the name of a bucket that account owns (its bucket input), or remove the other account's bucket`,
  );
}

function notConfirmed(location: TemplatesLocation, error: Error) {
  return new Error(
    `S3 refused to confirm that the templates bucket ${location.bucket} belongs to the shared services account ${location.owner} (${error.name}: ${error.message}): another account may own it, or the shared services role may not read it (s3:ListBucket); nothing was uploaded`,
  );
}

/**
 * Creates the templates bucket unless the shared services account has it.
 * Refuses, changing nothing, a bucket of that name another account owns.
 *
 * @public
 */
export async function ensureTemplatesBucket(
  s3: S3Client,
  location: TemplatesLocation,
  step: ProvisioningStep,
) {
  const head = await s3
    .send(
      new HeadBucketCommand({
        Bucket: location.bucket,
        ExpectedBucketOwner: location.owner,
      }),
    )
    .then(
      () => undefined,
      (e: Error) => {
        if (named(e, 'NotFound', 'NoSuchBucket')) return 'missing' as const;
        if (denied(e)) return e;
        throw e;
      },
    );
  if (head === undefined) return;
  if (step.isDryRun) {
    if (head !== 'missing') throw notConfirmed(location, head);
    step.logger.info(`Dry run: would create bucket ${location.bucket}`);
    return;
  }
  // A 403 is another account's bucket or a missing permission: creating
  // it tells which (S3 names a bucket another account has).
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: location.bucket,
        // us-east-1 is the one region that refuses a location constraint.
        ...(location.region === 'us-east-1'
          ? {}
          : {
              CreateBucketConfiguration: {
                LocationConstraint: location.region as any,
              },
            }),
      }),
    );
  } catch (error) {
    if (named(error, 'BucketAlreadyExists')) throw notOwned(location);
    if (named(error, 'BucketAlreadyOwnedByYou') && head !== 'missing') {
      throw notConfirmed(location, head);
    }
    // Our own after all: a lost answer to an earlier create.
    if (!named(error, 'BucketAlreadyOwnedByYou')) throw error;
  }
  step.logger.info(`Created bucket ${location.bucket}`);
}

/**
 * Puts the template where Service Catalog reads it: a content-addressed key
 * (product/version/hash), so a retried upload writes the same object; only
 * into a bucket the shared services account owns.
 *
 * @returns the template's URL
 * @public
 */
export async function ensureTemplateUploaded(
  s3: S3Client,
  location: TemplatesLocation,
  product: PublishableProduct,
  step: ProvisioningStep,
): Promise<string> {
  const key = `products/${product.name}/${product.version}/${product.sha256}.template.json`;
  const url = `https://${location.bucket}.s3.${location.region}.amazonaws.com/${key}`;
  if (step.isDryRun) {
    step.logger.info(`Dry run: would upload ${product.name} to ${url}`);
    return url;
  }
  const owned = {
    Bucket: location.bucket,
    ExpectedBucketOwner: location.owner,
  };
  const exists = await s3
    .send(new HeadObjectCommand({ ...owned, Key: key }))
    .then(
      () => true,
      (e: Error) => {
        if (named(e, 'NotFound', 'NoSuchKey')) return false;
        if (denied(e)) throw notConfirmed(location, e);
        throw e;
      },
    );
  if (!exists) {
    await s3.send(
      new PutObjectCommand({
        ...owned,
        Key: key,
        Body: product.templateBody,
        ContentType: 'application/json',
      }),
    );
    step.logger.info(`Uploaded ${product.name} ${product.version} to ${url}`);
  }
  return url;
}
