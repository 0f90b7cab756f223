import type { StatementSource } from '../policyTypes.ts';

/** The statements of the shared services account's principal, with the flows that need them. */
export const SHARED_SERVICES_STATEMENTS: StatementSource[] = [
  {
    sid: 'SharePortfolio',
    principal: 'sharedServices',
    flows: ['provisioning'],
    actions: [
      'servicecatalog:CreatePortfolioShare',
      'servicecatalog:DescribePortfolioShareStatus',
      'servicecatalog:ListPortfolios',
      'servicecatalog:SearchProductsAsAdmin',
    ],
  },
  {
    // The project's model registry is launched in the portfolio's own
    // account (pattern 3's team shared services), with its stack.
    sid: 'LaunchAndRetireTheTeamRegistry',
    principal: 'sharedServices',
    flows: ['provisioning', 'offboarding'],
    actions: [
      'servicecatalog:AssociatePrincipalWithPortfolio',
      'servicecatalog:DescribeProduct',
      'servicecatalog:DescribeRecord',
      'servicecatalog:ListPrincipalsForPortfolio',
      'servicecatalog:ProvisionProduct',
      'servicecatalog:SearchProvisionedProducts',
      'servicecatalog:TerminateProvisionedProduct',
    ],
  },
  {
    sid: 'RunTheRegistryStacks',
    principal: 'sharedServices',
    flows: ['provisioning', 'offboarding'],
    actions: [
      'cloudformation:CreateStack',
      'cloudformation:DeleteStack',
      'cloudformation:DescribeStackEvents',
      'cloudformation:DescribeStacks',
      'cloudformation:GetTemplateSummary',
      'cloudformation:ValidateTemplate',
    ],
    resource: o => `arn:${o.partition}:cloudformation:*:*:stack/SC-*`,
  },
  {
    sid: 'PublishProducts',
    principal: 'sharedServices',
    flows: ['publishing'],
    actions: [
      'cloudformation:ValidateTemplate',
      'servicecatalog:AssociateProductWithPortfolio',
      'servicecatalog:CreateProduct',
      'servicecatalog:CreateProvisioningArtifact',
      'servicecatalog:DescribeProductAsAdmin',
      'servicecatalog:ListPortfolios',
      'servicecatalog:ListProvisioningArtifacts',
      'servicecatalog:SearchProductsAsAdmin',
      'servicecatalog:UpdateProvisioningArtifact',
    ],
  },
  {
    // HeadObject is authorized as s3:GetObject (and s3:ListBucket to tell
    // a missing key from a refusal).
    sid: 'UploadTemplates',
    principal: 'sharedServices',
    flows: ['publishing'],
    actions: [
      's3:CreateBucket',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ],
    resource: o => [
      `arn:${o.partition}:s3:::${o.templatesBucket}`,
      `arn:${o.partition}:s3:::${o.templatesBucket}/*`,
    ],
  },
];
