// A bucket's default encryption (GetBucketEncryption, PutBucketEncryption),
// kept where CloudFormation's BucketEncryption puts it: the bucket's
// configuration, in the template's shape (`ServerSideEncryptionByDefault`);
// the API's documents name it `ApplyServerSideEncryptionByDefault`.
import { AwsError } from '../../errors.ts';
import type { BucketRecord } from '../../stateResources.ts';
import { type S3Answer, element, xmlDocument } from './wire.ts';

interface EncryptionRule {
  ServerSideEncryptionByDefault?: {
    SSEAlgorithm?: string;
    KMSMasterKeyID?: string;
  };
  BucketKeyEnabled?: boolean;
}

const ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

const rulesOf = (bucket: BucketRecord): EncryptionRule[] | undefined =>
  (bucket.configuration?.BucketEncryption as any)
    ?.ServerSideEncryptionConfiguration;

export function getBucketEncryption(bucket: BucketRecord): S3Answer {
  const rules = rulesOf(bucket);
  if (!rules?.length) {
    throw new AwsError(
      'ServerSideEncryptionConfigurationNotFoundError',
      'The server side encryption configuration was not found',
      { status: 404, fields: { BucketName: bucket.name } },
    );
  }
  const body = rules
    .map(rule => {
      const byDefault = rule.ServerSideEncryptionByDefault;
      return `<Rule>${
        byDefault
          ? `<ApplyServerSideEncryptionByDefault>${element(
              'SSEAlgorithm',
              byDefault.SSEAlgorithm,
            )}${element(
              'KMSMasterKeyID',
              byDefault.KMSMasterKeyID,
            )}</ApplyServerSideEncryptionByDefault>`
          : ''
      }${element('BucketKeyEnabled', rule.BucketKeyEnabled ?? false)}</Rule>`;
    })
    .join('');
  return { s3Body: xmlDocument('ServerSideEncryptionConfiguration', body) };
}

interface PutRule {
  ApplyServerSideEncryptionByDefault?: {
    SSEAlgorithm?: string;
    KMSMasterKeyID?: string;
  };
  BucketKeyEnabled?: boolean;
}

/** What PutBucketEncryption sends, validated as S3 does, then kept. */
export function putBucketEncryption(
  bucket: BucketRecord,
  configuration: { Rules?: PutRule[] } | undefined,
): S3Answer {
  const rules = configuration?.Rules ?? [];
  if (!rules.length) {
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
    );
  }
  const parsed = rules.map((rule): EncryptionRule => {
    const algorithm = rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
    const keyId = rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID;
    if (!algorithm || !ALGORITHMS.includes(algorithm)) {
      throw new AwsError(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    }
    if (keyId && !algorithm.startsWith('aws:kms')) {
      throw new AwsError(
        'InvalidArgument',
        'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
      );
    }
    return {
      ServerSideEncryptionByDefault: {
        SSEAlgorithm: algorithm,
        ...(keyId ? { KMSMasterKeyID: keyId } : {}),
      },
      ...(rule.BucketKeyEnabled ? { BucketKeyEnabled: true } : {}),
    };
  });
  bucket.configuration = {
    ...bucket.configuration,
    BucketEncryption: { ServerSideEncryptionConfiguration: parsed },
  };
  return {};
}
