import { ControlGuardrail } from './types';

/** The Control Tower controls the suite enables as guardrails. */
export const CONTROLS: ControlGuardrail[] = [
  {
    kind: 'control',
    id: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
    title: 'Detect S3 buckets that allow public read',
    rationale:
      'Finds buckets whose policy, ACL or Block Public Access settings let anyone read ML data.',
    behavior: 'detective',
  },
  {
    kind: 'control',
    id: 'AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
    title: 'Detect S3 buckets that allow public write',
    rationale:
      'Finds buckets anyone could write to or poison training data in.',
    behavior: 'detective',
  },
  {
    kind: 'control',
    id: 'AWS-GR_S3_VERSIONING_ENABLED',
    title: 'Detect S3 buckets without versioning',
    rationale:
      'Versioned buckets keep every version of datasets and models, so a training run can be reproduced and a bad write undone.',
    behavior: 'detective',
  },
  {
    kind: 'control',
    id: 'AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED',
    title: 'No changes to S3 bucket encryption',
    rationale:
      'Stops anyone but Control Tower from changing how buckets are encrypted. There is no detective control for unencrypted buckets; this is the preventive one.',
    behavior: 'preventive',
  },
  {
    kind: 'control',
    id: 'AWS-GR_SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS',
    title: 'Detect notebooks with direct internet access',
    rationale:
      'Notebook instances must reach the internet only through the VPC, never directly.',
    behavior: 'detective',
  },
];
