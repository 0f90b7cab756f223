/**
 * A column heading of a few words for each guardrail of the library, so the
 * compliance matrix's columns fit beside each other; the full title stays
 * the heading's accessible name and shows on hover. A guardrail missing here
 * is headed by its title.
 */
export const SHORT_TITLES: Record<string, string> = {
  'deny-sagemaker-hosting': 'No endpoints',
  'require-vpc': 'VPC only',
  'require-kms': 'KMS keys',
  'require-encryption-in-transit': 'In transit',
  'require-cost-tags': 'Cost tags',
  'allowed-instance-types': 'Instance types',
  'deny-public-s3': 'No public S3',
  'deny-all': 'Deny all',
  'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED': 'S3 public read',
  'AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED': 'S3 public write',
  'AWS-GR_S3_VERSIONING_ENABLED': 'S3 versioning',
  'AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED': 'S3 encryption',
  'AWS-GR_SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS': 'Notebook internet',
};

/** The short heading of a guardrail, or its title. */
export function shortTitle(guardrailId: string, title: string): string {
  return SHORT_TITLES[guardrailId] ?? title;
}
