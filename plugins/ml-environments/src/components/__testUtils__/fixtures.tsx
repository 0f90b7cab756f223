import { Entity } from '@backstage/catalog-model';
import {
  GuardrailState,
  DataGrant,
  GuardrailException,
  ProjectLayout,
  ProjectLayoutAccount,
} from '@mlgov/plugin-ml-environments-common';
import { guardrail } from './organizationFixture';

export { guardrail, organization } from './organizationFixture';

export const projectEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'churn-prediction',
    annotations: {
      'ml-environments.io/project': 'churn-prediction',
      'ml-environments.io/pattern': 'mlops',
      'backstage.io/techdocs-ref': 'dir:.',
    },
  },
};

function account(
  stage: string,
  id: string,
  ouPath: string,
  state: GuardrailState,
  expectedOuPath = ouPath,
): ProjectLayoutAccount {
  return {
    id,
    name: `churn-prediction-${stage}`,
    stage,
    ouPath,
    expectedOuPath,
    state,
    guardrails: [
      guardrail(
        'require-vpc',
        state === 'missing' ? 'missing' : 'ok',
        expectedOuPath,
      ),
      {
        ...guardrail(
          'AWS-GR_S3_VERSIONING_ENABLED',
          state === 'drifted' ? 'drifted' : 'ok',
          expectedOuPath,
        ),
        // The OU's drift, seen before the project was created.
        ...(state === 'drifted' && { since: '2026-11-01T08:00:00.000Z' }),
      },
    ],
    effectivePermissions: [
      {
        check: 'sagemaker-endpoints',
        label: 'SageMaker endpoints',
        action: 'sagemaker:CreateEndpoint',
        resource: 'arn:aws:sagemaker:us-east-1:111111111111:endpoint/example',
        decision: stage === 'dev' ? 'denied' : 'allowed',
        explanation:
          stage === 'dev'
            ? 'Denied by mlgov-deny-sagemaker-hosting on Workloads/Workloads_Dev'
            : 'Allowed at every level',
        decidedBy:
          stage === 'dev'
            ? {
                level: 'Workloads/Workloads_Dev',
                policy: 'mlgov-deny-sagemaker-hosting',
                statement: 'DenySageMakerHosting',
              }
            : undefined,
        alsoDeniedBy: [],
      },
    ],
  };
}

/** The demo organization's churn-prediction project, as the backend shows it. */
export const churnLayout: ProjectLayout = {
  project: 'churn-prediction',
  takenAt: '2026-11-27T01:00:00.000Z',
  pattern: 'mlops',
  record: {
    owner: 'group:default/team-churn',
    pattern: 'mlops',
    origin: 'provisioned',
    createdAt: '2026-11-20T09:00:00.000Z',
  },
  accounts: [
    account('prod', '200000000013', 'Workloads/Workloads_Prod', 'drifted'),
    account('dev', '200000000011', 'Workloads/Workloads_Dev', 'ok'),
    account(
      'preprod',
      '200000000012',
      'Workloads/Workloads_PreProd',
      'missing',
    ),
    account(
      'automation',
      '200000000014',
      '',
      'missing',
      'Deployments/Deployments_Prod',
    ),
  ],
  products: [
    {
      accountId: '200000000011',
      name: 'SageMaker Studio domain',
      status: 'AVAILABLE',
    },
  ],
};

/** An exception team-churn asked for on its dev account, not yet decided. */
export const pendingException: GuardrailException = {
  id: '6f1c2b7e-0000-4000-8000-000000000001',
  project: 'churn-prediction',
  accountId: '200000000011',
  guardrailId: 'deny-sagemaker-hosting',
  reason: 'One real-time endpoint for the board demo',
  endsAt: '2026-12-20T00:00:00.000Z',
  state: 'pending',
  requestedBy: 'user:default/guest',
  requestedAt: '2026-12-02T10:00:00.000Z',
};

export const pendingDataGrant: DataGrant = {
  id: '6f1c2b7e-0000-4000-9000-000000000001',
  project: 'churn-prediction',
  accountId: '200000000011',
  database: 'customers',
  reason: 'Churn labels for the next model',
  state: 'pending',
  requestedBy: 'user:default/guest',
  requestedAt: '2026-12-02T10:00:00.000Z',
};
