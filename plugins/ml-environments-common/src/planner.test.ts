import {
  planProject,
  productLaunchWaves,
  ProjectRequest,
  validateProjectRequest,
} from './planner';

const base = {
  project: 'churn-prediction',
  owner: 'group:default/team-churn',
  costCenter: 'CC-1001',
  accountEmailTemplate: 'aws+{project}-{stage}@example.com',
};

describe('planProject', () => {
  it('plans an MLOps project: four accounts, their OUs, guardrails and products', () => {
    const plan = planProject({
      ...base,
      pattern: 'mlops',
      mlops: { prodApprovalRequired: true },
    });

    expect(plan.organizationalUnits).toEqual([
      'Deployments',
      'Workloads',
      'Deployments/Deployments_Prod',
      'Workloads/Workloads_Dev',
      'Workloads/Workloads_PreProd',
      'Workloads/Workloads_Prod',
    ]);
    expect(plan.accounts.map(a => [a.name, a.email, a.ouPath])).toEqual([
      [
        'churn-prediction-dev',
        'aws+churn-prediction-dev@example.com',
        'Workloads/Workloads_Dev',
      ],
      [
        'churn-prediction-preprod',
        'aws+churn-prediction-preprod@example.com',
        'Workloads/Workloads_PreProd',
      ],
      [
        'churn-prediction-prod',
        'aws+churn-prediction-prod@example.com',
        'Workloads/Workloads_Prod',
      ],
      [
        'churn-prediction-automation',
        'aws+churn-prediction-automation@example.com',
        'Deployments/Deployments_Prod',
      ],
    ]);
    expect(plan.accounts[0].tags).toEqual({
      'ml-project': 'churn-prediction',
      'ml-pattern': 'mlops',
      'ml-stage': 'dev',
      'cost-center': 'CC-1001',
      owner: 'group:default/team-churn',
    });

    const targets = Object.fromEntries(
      plan.policies.map(p => [
        p.name,
        p.targets.map(t => (t.type === 'ou' ? t.path : t.type)),
      ]),
    );
    expect(targets).toEqual({
      'mlgov-deny-public-s3': ['root'],
      'mlgov-require-encryption-in-transit': [
        'Deployments/Deployments_Prod',
        'Workloads/Workloads_PreProd',
        'Workloads/Workloads_Prod',
      ],
      'mlgov-require-kms': ['Workloads'],
      'mlgov-require-cost-tags': ['Workloads'],
      'mlgov-deny-sagemaker-hosting': ['Workloads/Workloads_Dev'],
      'mlgov-require-vpc': [
        'Workloads/Workloads_Dev',
        'Workloads/Workloads_PreProd',
        'Workloads/Workloads_Prod',
      ],
    });
    expect(plan.controls).toContainEqual({
      controlId: 'AWS-GR_S3_VERSIONING_ENABLED',
      ouPath: 'Workloads/Workloads_Prod',
      title: 'Detect S3 buckets without versioning',
      rationale: expect.stringMatching(/^Versioned buckets keep every version/),
    });
    expect(
      plan.products.map(p => [p.product, p.stage, p.provisionedProductName]),
    ).toEqual([
      ['ml-studio-domain', 'dev', 'churn-prediction-studio'],
      ['ml-model-build', 'dev', 'churn-prediction-model-build'],
      [
        'ml-model-registry',
        'team-shared-services',
        'churn-prediction-model-registry',
      ],
      ['ml-deploy-pipeline', 'automation', 'churn-prediction-deploy-pipeline'],
      ['ml-deployment-role', 'preprod', 'churn-prediction-deployment-role'],
      ['ml-deployment-role', 'prod', 'churn-prediction-deployment-role'],
    ]);
    // Registry first (its ARN feeds build and deploy), then the pipelines,
    // then the deployment roles (they trust the pipeline's role).
    expect(
      productLaunchWaves(plan.products).map(wave =>
        wave.map(p => `${p.product}@${p.stage}`),
      ),
    ).toEqual([
      ['ml-studio-domain@dev', 'ml-model-registry@team-shared-services'],
      ['ml-model-build@dev', 'ml-deploy-pipeline@automation'],
      ['ml-deployment-role@preprod', 'ml-deployment-role@prod'],
    ]);
    const deploy = plan.products.find(p => p.product === 'ml-deploy-pipeline')!;
    expect(deploy.parameters).toEqual({
      ProjectName: 'churn-prediction',
      CostCenter: 'CC-1001',
      Owner: 'group:default/team-churn',
      Pattern: 'mlops',
      Stage: 'automation',
      ProdApprovalRequired: 'true',
    });
    expect(deploy.inputs).toEqual({
      PreprodAccountId: { from: 'account', stage: 'preprod' },
      ProdAccountId: { from: 'account', stage: 'prod' },
      ModelPackageGroupArn: {
        from: 'output',
        product: 'ml-model-registry',
        stage: 'team-shared-services',
        output: 'ModelPackageGroupArn',
      },
    });
    expect(plan.budget).toBeUndefined();
  });

  it('plans a sandbox: one account in Sandbox, its Studio, a budget, no Workloads guardrails', () => {
    const plan = planProject({
      ...base,
      project: 'vision-lab',
      pattern: 'sandbox',
      sandbox: { spendingLimitUsd: 500, alertEmail: 'vision@example.com' },
    });
    expect(plan.organizationalUnits).toEqual(['Sandbox']);
    expect(plan.accounts.map(a => a.name)).toEqual(['vision-lab-sandbox']);
    expect(plan.products).toEqual([
      {
        product: 'ml-sandbox-studio',
        stage: 'sandbox',
        provisionedProductName: 'vision-lab-studio',
        parameters: {
          ProjectName: 'vision-lab',
          CostCenter: 'CC-1001',
          Owner: 'group:default/team-churn',
          Pattern: 'sandbox',
          Stage: 'sandbox',
          DomainName: 'vision-lab-sandbox',
        },
        inputs: {
          VpcId: { from: 'network', field: 'vpcId' },
          SubnetIds: { from: 'network', field: 'subnetIds' },
        },
      },
    ]);
    expect(plan.budget).toEqual({
      stage: 'sandbox',
      name: 'vision-lab-spending-limit',
      limitUsd: 500,
      alertEmail: 'vision@example.com',
    });
    expect(plan.policies.map(p => p.name).sort()).toEqual([
      'mlgov-allowed-instance-types',
      'mlgov-deny-public-s3',
      'mlgov-deny-sagemaker-hosting',
      'mlgov-require-cost-tags',
    ]);
    expect(plan.controls).toEqual([]);
  });

  it("launches a dev project's VPC-only Studio domain in its dev account", () => {
    const plan = planProject({
      ...base,
      project: 'demand-forecast',
      pattern: 'dev',
      dev: { datasets: ['sales', 'stores'] },
    });
    expect(plan.accounts.map(a => a.ouPath)).toEqual([
      'Workloads/Workloads_Dev',
    ]);
    expect(plan.products).toEqual([
      {
        product: 'ml-studio-domain',
        stage: 'dev',
        provisionedProductName: 'demand-forecast-studio',
        parameters: {
          ProjectName: 'demand-forecast',
          CostCenter: 'CC-1001',
          Owner: 'group:default/team-churn',
          Pattern: 'dev',
          Stage: 'dev',
          DomainName: 'demand-forecast-dev',
        },
        inputs: {
          VpcId: { from: 'network', field: 'vpcId' },
          SubnetIds: { from: 'network', field: 'subnetIds' },
          SecurityGroupIds: { from: 'network', field: 'securityGroupIds' },
        },
      },
    ]);
  });

  it('keeps every SCP document minified and within 5,120 characters', () => {
    const plan = planProject({ ...base, pattern: 'mlops' });
    for (const policy of plan.policies) {
      expect(policy.content).toBe(JSON.stringify(JSON.parse(policy.content)));
      expect(policy.content.length).toBeLessThanOrEqual(5120);
    }
  });

  it('follows an overridden baseline and guardrail parameters', () => {
    const plan = planProject(
      {
        ...base,
        project: 'vision-lab',
        pattern: 'sandbox',
        sandbox: { spendingLimitUsd: 100, alertEmail: 'a@example.com' },
      },
      {
        baseline: { Sandbox: ['allowed-instance-types'] },
        parameters: { allowedInstanceTypes: ['ml.t3.medium'] },
      },
    );
    expect(plan.policies.map(p => p.name)).toEqual([
      'mlgov-allowed-instance-types',
    ]);
    expect(JSON.parse(plan.policies[0].content).Statement[0].Condition).toEqual(
      {
        'ForAnyValue:StringNotLike': {
          'sagemaker:InstanceTypes': ['ml.t3.medium'],
        },
      },
    );
  });
});

describe('validateProjectRequest', () => {
  it('accepts a good request', () => {
    expect(validateProjectRequest({ ...base, pattern: 'mlops' })).toEqual([]);
  });

  it.each<[string, Partial<ProjectRequest>, RegExp]>([
    [
      'bad project name',
      { project: 'Churn_Prediction' },
      /^project: 'Churn_Prediction' is not a valid ML project name/,
    ],
    [
      'owner that is not a group',
      { owner: 'user:default/jane' },
      /owner 'user:default\/jane' must be a group entity ref/,
    ],
    [
      'empty cost center',
      { costCenter: '' },
      /costCenter: cost center '' must be/,
    ],
    [
      'email template without stage',
      { accountEmailTemplate: 'ml@example.com' },
      /must contain \{stage\}/,
    ],
    [
      'email that AWS refuses',
      { accountEmailTemplate: '{project}-{stage}@localhost' },
      /is not one AWS accepts/,
    ],
    [
      'unknown pattern',
      { pattern: 'prod' as any },
      /pattern 'prod' is not one of sandbox, dev, mlops/,
    ],
  ])('explains a %s', (_name, change, message) => {
    const problems = validateProjectRequest({
      ...base,
      pattern: 'mlops',
      ...change,
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('asks a sandbox for its spending limit and alert email', () => {
    expect(validateProjectRequest({ ...base, pattern: 'sandbox' })).toEqual([
      'sandbox.spendingLimitUsd must be a number of US dollars above 0 (and at most 1,000,000)',
      "sandbox.alertEmail '' is not an email address",
    ]);
  });

  it('refuses to plan an invalid request', () => {
    expect(() =>
      planProject({ ...base, project: 'x', pattern: 'dev' }),
    ).toThrow(/^The ML project request is invalid:\n- project: 'x'/);
  });
});
