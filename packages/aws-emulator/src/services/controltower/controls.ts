/**
 * Control Tower's control catalog and what enabling a control does to the
 * organization (Config rules, guardrail SCPs); split from index.ts, which
 * keeps the API handlers and re-exports these.
 */
import type { EmulatorState } from '../../state.ts';
import { attachPolicy, createPolicy } from '../organizations/index.ts';

type Behavior = 'DETECTIVE' | 'PREVENTIVE' | 'PROACTIVE';

interface CatalogControl {
  behavior: Behavior;
  guidance: 'MANDATORY' | 'STRONGLY_RECOMMENDED' | 'ELECTIVE';
  /** For detective controls: the AWS Config resource type the rule checks. */
  resourceType?: string;
}

/** The controls the emulator knows, by their legacy (regional) identifier. */
export const CONTROL_CATALOG: Record<string, CatalogControl> = {
  'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED': {
    behavior: 'DETECTIVE',
    guidance: 'STRONGLY_RECOMMENDED',
    resourceType: 'AWS::S3::Bucket',
  },
  'AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED': {
    behavior: 'DETECTIVE',
    guidance: 'STRONGLY_RECOMMENDED',
    resourceType: 'AWS::S3::Bucket',
  },
  'AWS-GR_S3_VERSIONING_ENABLED': {
    behavior: 'DETECTIVE',
    guidance: 'ELECTIVE',
    resourceType: 'AWS::S3::Bucket',
  },
  'AWS-GR_SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS': {
    behavior: 'DETECTIVE',
    guidance: 'ELECTIVE',
    resourceType: 'AWS::SageMaker::NotebookInstance',
  },
  'AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED': {
    behavior: 'PREVENTIVE',
    guidance: 'ELECTIVE',
  },
  'CT.S3.PR.1': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'CT.S3.PR.7': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'CT.S3.PR.8': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'CT.SAGEMAKER.PR.1': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'CT.SAGEMAKER.PR.2': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'CT.SAGEMAKER.PR.3': { behavior: 'PROACTIVE', guidance: 'ELECTIVE' },
  'AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED': {
    behavior: 'PREVENTIVE',
    guidance: 'MANDATORY',
  },
  'AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED': {
    behavior: 'PREVENTIVE',
    guidance: 'MANDATORY',
  },
};

const CONTROL_ARN =
  /^arn:aws[a-z-]*:controltower:[a-z0-9-]+::control\/([A-Za-z0-9._-]+)$/;

export function controlName(controlIdentifier: string): string | undefined {
  return CONTROL_ARN.exec(controlIdentifier)?.[1];
}

/** AWS Config names the rule of a detective control like this in member accounts. */
export function configRuleName(control: string) {
  return `AWSControlTower_${control}`;
}

/**
 * Applies an enabled control to the OU: detective controls deploy their Config
 * rule to the OU's accounts; preventive ones attach an aws-guardrails SCP,
 * which counts toward the OU's SCP quota as it does in AWS.
 */
export function deployControl(
  state: EmulatorState,
  maxScps: number,
  name: string,
  ouId: string,
) {
  const control = CONTROL_CATALOG[name];
  if (control.behavior === 'DETECTIVE') {
    for (const account of state.accountsUnder(ouId)) {
      if (!state.configRules.has(account.id))
        state.configRules.set(account.id, new Set());
      state.configRules.get(account.id)!.add(configRuleName(name));
    }
  } else if (control.behavior === 'PREVENTIVE') {
    const policyName = `aws-guardrails-${name}`;
    const policy =
      [...state.policies.values()].find(p => p.name === policyName) ??
      createPolicy(state, {
        name: policyName,
        description: `Control Tower control ${name}`,
        content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: ['s3:PutEncryptionConfiguration'],
              Resource: '*',
              Condition: {
                ArnNotLike: {
                  'aws:PrincipalARN':
                    'arn:aws:iam::*:role/AWSControlTowerExecution',
                },
              },
            },
          ],
        }),
      });
    attachPolicy(state, maxScps, policy.id, ouId);
  }
}

export function undeployControl(
  state: EmulatorState,
  name: string,
  ouId: string,
) {
  const control = CONTROL_CATALOG[name];
  if (control.behavior === 'DETECTIVE') {
    for (const account of state.accountsUnder(ouId)) {
      state.configRules.get(account.id)?.delete(configRuleName(name));
    }
  } else if (control.behavior === 'PREVENTIVE') {
    const policy = [...state.policies.values()].find(
      p => p.name === `aws-guardrails-${name}`,
    );
    if (policy) state.attachments.get(policy.id)?.delete(ouId);
  }
}
