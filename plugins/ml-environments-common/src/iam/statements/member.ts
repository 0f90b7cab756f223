import type { StatementSource } from '../policyTypes.ts';
import { LAUNCH_ROLE_UPKEEP, launchRoleArn } from './launch.ts';

/** The statements of the member-account role in a project account, with the flows that need them. */
export const MEMBER_STATEMENTS: StatementSource[] = [
  {
    sid: 'LaunchAndRetireProducts',
    principal: 'member',
    flows: ['provisioning', 'status', 'events', 'offboarding'],
    actions: [
      'servicecatalog:AcceptPortfolioShare',
      'servicecatalog:AssociatePrincipalWithPortfolio',
      'servicecatalog:DescribeProduct',
      'servicecatalog:DescribeProvisionedProduct',
      // An administrator's update to a newer version reads each version's
      // parameters (to keep their values) and updates the product.
      'servicecatalog:DescribeProvisioningParameters',
      'servicecatalog:DescribeRecord',
      'servicecatalog:ListAcceptedPortfolioShares',
      'servicecatalog:ListPrincipalsForPortfolio',
      'servicecatalog:ProvisionProduct',
      'servicecatalog:RejectPortfolioShare',
      'servicecatalog:SearchProvisionedProducts',
      'servicecatalog:TerminateProvisionedProduct',
      'servicecatalog:UpdateProvisionedProduct',
    ],
  },
  {
    // The account baseline: the launch role the portfolio's LAUNCH
    // constraints name, made (or its policy brought up to date) before the
    // account's first launch; the products' stacks run as it.
    sid: 'KeepTheLaunchRole',
    principal: 'member',
    flows: ['provisioning'],
    actions: LAUNCH_ROLE_UPKEEP,
    resource: launchRoleArn,
  },
  {
    sid: 'StudioProfilesAndSignIn',
    principal: 'member',
    flows: ['provisioning', 'status', 'studio', 'offboarding'],
    actions: [
      // Tags given on CreateUserProfile need sagemaker:AddTags too.
      'sagemaker:AddTags',
      'sagemaker:CreatePresignedDomainUrl',
      'sagemaker:CreateUserProfile',
      'sagemaker:DeleteUserProfile',
      'sagemaker:DescribeDomain',
      'sagemaker:DescribeUserProfile',
      'sagemaker:ListUserProfiles',
    ],
  },
  {
    // The status reads each product's artifact bucket's default encryption
    // back (conformance with the product's KMS key).
    sid: 'ReadArtifactBucketEncryption',
    principal: 'member',
    flows: ['status'],
    actions: ['s3:GetEncryptionConfiguration'],
  },
  {
    sid: 'SandboxBudget',
    principal: 'member',
    flows: ['provisioning'],
    actions: ['budgets:ModifyBudget'],
  },
  {
    // The project's cost read beside its status: the budget's limit and forecast.
    sid: 'ReadSandboxBudget',
    principal: 'member',
    flows: ['provisioning', 'status'],
    actions: ['budgets:ViewBudget'],
  },
  {
    // The project account's side of a data grant: the suite as its data
    // lake administrator, a resource link per granted database, and the
    // grants that reach its Studio execution roles (read from the Studio
    // product's outputs and the domain's profiles).
    sid: 'ProjectDataAccess',
    principal: 'member',
    flows: ['provisioning', 'dataAccess', 'offboarding', 'status'],
    actions: [
      'glue:CreateDatabase',
      'glue:DeleteDatabase',
      'glue:GetDatabase',
      'lakeformation:GetDataLakeSettings',
      'lakeformation:GrantPermissions',
      'lakeformation:ListPermissions',
      'lakeformation:PutDataLakeSettings',
      'lakeformation:RevokePermissions',
      'sagemaker:DescribeUserProfile',
      'sagemaker:ListUserProfiles',
      'servicecatalog:DescribeRecord',
      'servicecatalog:SearchProvisionedProducts',
    ],
  },
];
