import type { StatementSource } from '../policyTypes.ts';
import { LAUNCH_ROLE_UPKEEP, launchRoleArn } from './launch.ts';

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
    // account (pattern 3's team shared services), as the launch role.
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
    // The constraints' own account needs the launch role too (AWS checks
    // it when a LocalRoleName constraint is made), and the registry
    // launches here as it.
    sid: 'KeepTheLaunchRole',
    principal: 'sharedServices',
    flows: ['provisioning', 'publishing'],
    actions: LAUNCH_ROLE_UPKEEP,
    resource: launchRoleArn,
  },
  {
    // Each product in the portfolio launches as the launch role.
    sid: 'ConstrainTheLaunches',
    principal: 'sharedServices',
    flows: ['provisioning', 'publishing'],
    actions: [
      'servicecatalog:CreateConstraint',
      'servicecatalog:DescribeConstraint',
      'servicecatalog:ListConstraintsForPortfolio',
    ],
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
      // An administrator's product update reads the new version's template
      // (its URL, then the object) to judge it before updating.
      'servicecatalog:DescribeProvisioningArtifact',
      'servicecatalog:ListPortfolios',
      'servicecatalog:ListProvisioningArtifacts',
      'servicecatalog:SearchProductsAsAdmin',
      'servicecatalog:UpdateProvisioningArtifact',
    ],
  },
  {
    // CreateBucket cannot reach another account's bucket: S3 answers
    // BucketAlreadyExists.
    sid: 'CreateTemplatesBucket',
    principal: 'sharedServices',
    flows: ['publishing'],
    actions: ['s3:CreateBucket'],
    resource: o => `arn:${o.partition}:s3:::${o.templatesBucket}`,
  },
  {
    // HeadObject is authorized as s3:GetObject (and s3:ListBucket to tell
    // a missing key from a refusal). The bucket's name is predictable, so
    // only a bucket of this account will do (another may have taken it).
    sid: 'UploadTemplates',
    principal: 'sharedServices',
    flows: ['publishing'],
    actions: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
    resource: o => [
      `arn:${o.partition}:s3:::${o.templatesBucket}`,
      `arn:${o.partition}:s3:::${o.templatesBucket}/*`,
    ],
    condition: () => ({
      StringEquals: { 's3:ResourceAccount': '${aws:PrincipalAccount}' },
    }),
  },
];
