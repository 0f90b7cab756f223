import {
  GuardrailState,
  GuardrailStatus,
  OrganizationAccount,
  OrganizationNode,
  OrganizationView,
} from '@mlgov/plugin-ml-environments-common';

/** A guardrail's status as the backend shows it, carried where expected unless missing. */
export function guardrail(
  guardrailId: string,
  state: GuardrailState,
  expectedAt: string,
  reason = state === 'ok' ? 'attached' : `${guardrailId} is ${state}`,
): GuardrailStatus {
  return {
    guardrailId,
    kind: guardrailId.startsWith('AWS-GR') ? 'control' : 'scp',
    title: `Title of ${guardrailId}`,
    state,
    reason,
    expectedAt,
    carriedBy:
      state === 'missing'
        ? undefined
        : { name: `mlgov-${guardrailId}`, at: expectedAt },
  };
}

function orgAccount(
  id: string,
  name: string,
  parentId: string,
  ouPath: string,
  state: GuardrailState,
  tags: Partial<OrganizationAccount> = {},
): OrganizationAccount {
  return {
    id,
    name,
    parentId,
    ouPath,
    state,
    managed: tags.project !== undefined,
    ...tags,
  };
}

function ou(
  id: string,
  path: string,
  state: GuardrailState,
  guardrails: GuardrailStatus[],
  accounts: OrganizationAccount[] = [],
  children: OrganizationNode[] = [],
): OrganizationNode {
  return {
    id,
    name: path.split('/').pop() || 'Root',
    path,
    state,
    guardrails,
    accounts,
    children,
  };
}

/** A small organization with one OU missing a guardrail and one drifted. */
export const organization: OrganizationView = {
  takenAt: '2026-11-27T01:00:00.000Z',
  organizationId: 'o-demo',
  landingZone: {
    arn: 'arn:aws:controltower:us-east-1:100000000000:landingzone/LZDEMO',
    version: '3.3',
    drifted: false,
  },
  root: ou(
    'r-root',
    '',
    'missing',
    [],
    [
      orgAccount(
        '210000000013',
        'fraud-detection-prod',
        'r-root',
        '',
        'missing',
        {
          project: 'fraud-detection',
          pattern: 'mlops',
          stage: 'prod',
        },
      ),
    ],
    [
      ou(
        'ou-work',
        'Workloads',
        'missing',
        [],
        [],
        [
          ou(
            'ou-dev',
            'Workloads/Workloads_Dev',
            'ok',
            [
              guardrail('require-vpc', 'ok', 'Workloads/Workloads_Dev'),
              guardrail(
                'AWS-GR_S3_VERSIONING_ENABLED',
                'ok',
                'Workloads/Workloads_Dev',
              ),
            ],
            [
              orgAccount(
                '200000000011',
                'churn-prediction-dev',
                'ou-dev',
                'Workloads/Workloads_Dev',
                'ok',
                { project: 'churn-prediction', pattern: 'mlops', stage: 'dev' },
              ),
              orgAccount(
                '300000000011',
                'vision-dev',
                'ou-dev',
                'Workloads/Workloads_Dev',
                'ok',
                { project: 'vision', pattern: 'dev', stage: 'dev' },
              ),
            ],
          ),
          ou(
            'ou-preprod',
            'Workloads/Workloads_PreProd',
            'missing',
            [
              guardrail(
                'require-vpc',
                'missing',
                'Workloads/Workloads_PreProd',
              ),
              guardrail(
                'AWS-GR_S3_VERSIONING_ENABLED',
                'ok',
                'Workloads/Workloads_PreProd',
              ),
            ],
            [
              orgAccount(
                '200000000012',
                'churn-prediction-preprod',
                'ou-preprod',
                'Workloads/Workloads_PreProd',
                'missing',
                {
                  project: 'churn-prediction',
                  pattern: 'mlops',
                  stage: 'preprod',
                },
              ),
            ],
          ),
        ],
      ),
    ],
  ),
};
