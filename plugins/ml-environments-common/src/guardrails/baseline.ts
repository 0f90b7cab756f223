import { GUARDRAILS } from './library';

/**
 * Which guardrails each OU must carry, by OU path (`Root` for the root).
 * Inherited guardrails are listed once, at the highest OU they apply to.
 *
 * @public
 */
export type GuardrailBaseline = Record<string, string[]>;

/**
 * The guide's guardrails, placed where the AWS ML governance guidance puts
 * them: public S3 denied everywhere; no real-time hosting in sandbox and dev;
 * VPC, KMS and tags for workloads; encryption in transit before production;
 * the three S3 detective controls on every Workloads stage; nothing at all
 * in the accounts of retired projects.
 *
 * @public
 */
export const DEFAULT_BASELINE: GuardrailBaseline = {
  Root: ['deny-public-s3'],
  Sandbox: [
    'deny-sagemaker-hosting',
    'allowed-instance-types',
    'require-cost-tags',
  ],
  Workloads: ['require-kms', 'require-cost-tags'],
  'Workloads/Workloads_Dev': [
    'deny-sagemaker-hosting',
    'require-vpc',
    'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
    'AWS-GR_S3_VERSIONING_ENABLED',
  ],
  'Workloads/Workloads_PreProd': [
    'require-vpc',
    'require-encryption-in-transit',
    'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
    'AWS-GR_S3_VERSIONING_ENABLED',
  ],
  'Workloads/Workloads_Prod': [
    'require-vpc',
    'require-encryption-in-transit',
    'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
    'AWS-GR_S3_VERSIONING_ENABLED',
    'AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED',
  ],
  'Deployments/Deployments_Prod': ['require-encryption-in-transit'],
  Suspended: ['deny-all'],
};

/**
 * Problems with a baseline: unknown guardrail ids, and controls placed on
 * the root (Control Tower enables controls on OUs only).
 *
 * @public
 */
export function validateBaseline(baseline: GuardrailBaseline): string[] {
  const problems: string[] = [];
  for (const [path, ids] of Object.entries(baseline)) {
    for (const id of ids) {
      const guardrail = GUARDRAILS.find(g => g.id === id);
      if (!guardrail) {
        problems.push(
          `${path}: unknown guardrail '${id}'; known ones are ${GUARDRAILS.map(
            g => g.id,
          ).join(', ')}`,
        );
      } else if (guardrail.kind === 'control' && path === 'Root') {
        problems.push(
          `Root: '${id}' is a Control Tower control, which can be enabled on OUs only; place it on the OUs below the root`,
        );
      }
    }
  }
  return problems;
}
