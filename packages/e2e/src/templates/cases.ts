// What each ML project template must create, from the guide and the
// default baseline: the inputs the checks give it and what they expect.

export const OWNER = 'group:default/team-churn';

/** A template's inputs and what its run must leave in AWS and TechDocs. */
export type TemplateCase = {
  template: string;
  values: { project: string } & Record<string, unknown>;
  /** The OU path of each stage's account. */
  accounts: Record<string, string>;
  /** The SCPs each OU path must hold (or the run leaves for an administrator). */
  scps: Record<string, string[]>;
  /** The Control Tower controls each OU path must have enabled (or left). */
  controls: Record<string, string[]>;
  /** The products provisioned, a name once per provisioning. */
  products: string[];
  /** A text each TechDocs page must contain. */
  docs: Record<string, string>;
};

export const CASES: TemplateCase[] = [
  {
    template: 'ml-sandbox-project',
    values: {
      project: 'forecast-lab',
      description: 'Trying open-source forecasting libraries',
      owner: OWNER,
      costCenter: 'CC-9001',
      pattern: 'sandbox',
      spendingLimitUsd: 250,
      alertEmail: 'team-churn@example.com',
    },
    accounts: { sandbox: 'Sandbox' },
    scps: {
      Sandbox: ['mlgov-deny-sagemaker-hosting', 'mlgov-allowed-instance-types'],
    },
    controls: {}, // the default baseline enables no control on Sandbox
    products: ['forecast-lab-studio'],
    docs: {
      'guardrails/index.html': 'mlgov-allowed-instance-types',
      'data-access/index.html': 'no access to corporate data',
    },
  },
  {
    template: 'ml-dev-project',
    values: {
      project: 'demand-insights',
      description: 'Demand insights on sales data',
      owner: OWNER,
      costCenter: 'CC-9002',
      pattern: 'dev',
      datasets: ['sales', 'stores'],
    },
    accounts: { dev: 'Workloads/Workloads_Dev' },
    scps: {
      'Workloads/Workloads_Dev': [
        'mlgov-require-vpc',
        'mlgov-deny-sagemaker-hosting',
      ],
    },
    controls: { 'Workloads/Workloads_Dev': ['AWS-GR_S3_VERSIONING_ENABLED'] },
    products: ['demand-insights-studio'],
    docs: {
      'data-access/index.html': '<code>stores</code>',
      'studio/index.html': 'Open SageMaker Studio',
      'retiring/index.html': 'Retire an ML project',
    },
  },
  {
    template: 'ml-mlops-project',
    values: {
      project: 'credit-scoring',
      description: 'Credit scoring model in production',
      owner: OWNER,
      costCenter: 'CC-9003',
      pattern: 'mlops',
      prodApprovalRequired: true,
    },
    accounts: {
      dev: 'Workloads/Workloads_Dev',
      preprod: 'Workloads/Workloads_PreProd',
      prod: 'Workloads/Workloads_Prod',
      automation: 'Deployments/Deployments_Prod',
    },
    scps: {
      'Workloads/Workloads_PreProd': ['mlgov-require-vpc'],
      'Workloads/Workloads_Prod': ['mlgov-require-vpc'],
    },
    controls: {
      'Workloads/Workloads_PreProd': ['AWS-GR_S3_VERSIONING_ENABLED'],
    },
    // In the project's accounts (the registry is in team shared services);
    // the deployment roles once in preprod, once in prod.
    products: [
      'credit-scoring-studio',
      'credit-scoring-model-build',
      'credit-scoring-deploy-pipeline',
      'credit-scoring-deployment-role',
      'credit-scoring-deployment-role',
    ],
    docs: {
      'pipeline/index.html': 'manual approval is on',
      'accounts/index.html': 'credit-scoring-automation',
    },
  },
];
