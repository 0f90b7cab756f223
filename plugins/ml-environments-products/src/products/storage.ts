import { CfnResource, Fn, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { acknowledge } from './common.ts';

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
