import { CfnResource, Fn, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { acknowledge, outputs } from './common.ts';

/** A key with rotation whose policy lets the account administer it through IAM, plus any statements given. */
export function productKey(
  scope: Construct,
  id: string,
  description: string,
  statements: object[] = [],
): kms.CfnKey {
  const key = new kms.CfnKey(scope, id, {
    description,
    enableKeyRotation: true,
    keyPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          // As AWS's default key policy: the account itself administers the
          // key and grants its own roles' use through IAM policies.
          Sid: 'AccountAdministersThroughIam',
          Effect: 'Allow',
          Principal: {
            AWS: Fn.sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root'),
          },
          Action: 'kms:*',
          Resource: '*',
        },
        ...statements,
      ],
    },
  });
  acknowledge(
    key,
    'AwsSolutions-KMS5',
    'Key rotation is enabled: EnableKeyRotation is true on this L1 key',
  );
  return key;
}

/**
 * A versioned bucket encrypted with the product's key, closed to the public,
 * refusing plain HTTP; statements given are added to its policy.
 */
export function encryptedBucket(
  scope: Construct,
  id: string,
  key: kms.CfnKey,
  statements: (bucket: s3.CfnBucket) => object[] = () => [],
): { bucket: s3.CfnBucket; policy: s3.CfnBucketPolicy } {
  const bucket = new s3.CfnBucket(scope, id, {
    bucketEncryption: {
      serverSideEncryptionConfiguration: [
        {
          serverSideEncryptionByDefault: {
            sseAlgorithm: 'aws:kms',
            kmsMasterKeyId: key.attrArn,
          },
          bucketKeyEnabled: true,
        },
      ],
    },
    versioningConfiguration: { status: 'Enabled' },
    publicAccessBlockConfiguration: {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
  });
  acknowledge(
    bucket,
    'AwsSolutions-S1',
    "Object access is recorded by the organization trail's S3 data events; a server access log bucket per project artifact bucket would only duplicate it",
  );
  const policy = new s3.CfnBucketPolicy(scope, `${id}Policy`, {
    bucket: bucket.ref,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TlsOnly',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Resource: [bucket.attrArn, Fn.join('', [bucket.attrArn, '/*'])],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        ...statements(bucket),
      ],
    },
  });
  return { bucket, policy };
}

/** The ARN of every object in a bucket. */
export const objectsOf = (bucket: CfnResource & { attrArn: string }) =>
  Fn.join('', [bucket.attrArn, '/*']);

/**
 * A product's artifact key and bucket (`ArtifactKey`, `ArtifactBucket`),
 * read from other accounts: the readers may decrypt with the key and get
 * the objects `readable` names in the bucket.
 */
export function crossAccountArtifacts(
  scope: Construct,
  options: {
    keyDescription: string;
    /** The accounts (their roots) that read the artifacts. */
    readers: string[];
    /** The Sids of the key's and the bucket's statements for the readers. */
    sids: { decrypt: string; read: string };
    readActions: string | string[];
    readable: (bucket: s3.CfnBucket) => unknown;
  },
): { key: kms.CfnKey; bucket: s3.CfnBucket } {
  const { readers, sids } = options;
  const key = productKey(scope, 'ArtifactKey', options.keyDescription, [
    {
      Sid: sids.decrypt,
      Effect: 'Allow',
      Principal: { AWS: readers },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
    },
  ]);
  const { bucket } = encryptedBucket(scope, 'ArtifactBucket', key, b => [
    {
      Sid: sids.read,
      Effect: 'Allow',
      Principal: { AWS: readers },
      Action: options.readActions,
      Resource: options.readable(b),
    },
  ]);
  return { key, bucket };
}

/** The outputs ArtifactBucketName and ArtifactKeyArn, naming what the bucket holds. */
export function artifactOutputs(
  scope: Construct,
  { key, bucket }: { key: kms.CfnKey; bucket: s3.CfnBucket },
  bucketDescription: string,
): void {
  outputs(scope, [
    ['ArtifactBucketName', bucket.ref, bucketDescription],
    ['ArtifactKeyArn', key.attrArn, 'The artifact key'],
  ]);
}
