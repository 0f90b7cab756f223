import { ACCOUNT_PATTERNS, getAccountPattern } from './patterns';

describe('ACCOUNT_PATTERNS', () => {
  it('numbers the patterns as the guide does', () => {
    expect(ACCOUNT_PATTERNS.map(p => [p.number, p.id])).toEqual([
      [1, 'sandbox'],
      [2, 'dev'],
      [3, 'mlops'],
    ]);
  });

  it('keeps sandbox accounts out of the Workloads OUs and away from corporate data', () => {
    const sandbox = getAccountPattern('sandbox');
    expect(sandbox.accounts.map(a => a.ouPath)).toEqual(['Sandbox']);
    expect(sandbox.uses).not.toContain('data-lake');
  });

  it('puts the MLOps pipeline in the Automation account under Deployments_Prod', () => {
    const mlops = getAccountPattern('mlops');
    expect(mlops.accounts.map(a => `${a.stage}@${a.ouPath}`)).toEqual([
      'dev@Workloads/Workloads_Dev',
      'preprod@Workloads/Workloads_PreProd',
      'prod@Workloads/Workloads_Prod',
      'automation@Deployments/Deployments_Prod',
    ]);
  });

  it('launches one product per account role, the registry in team shared services', () => {
    expect(
      ACCOUNT_PATTERNS.map(p => [
        p.id,
        p.products.map(({ product, stage }) => `${product}@${stage}`),
      ]),
    ).toEqual([
      ['sandbox', ['ml-sandbox-studio@sandbox']],
      ['dev', ['ml-studio-domain@dev']],
      [
        'mlops',
        [
          'ml-studio-domain@dev',
          'ml-model-build@dev',
          'ml-model-registry@team-shared-services',
          'ml-deploy-pipeline@automation',
          'ml-deployment-role@preprod',
          'ml-deployment-role@prod',
        ],
      ],
    ]);
  });

  it('rejects an unknown pattern', () => {
    expect(() => getAccountPattern('prod' as any)).toThrow(
      "Unknown account pattern 'prod'",
    );
  });
});
