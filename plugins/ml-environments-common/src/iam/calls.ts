import type { SuitePrincipal } from './policies';

/**
 * Every AWS operation the suite's production code sends, as
 * `service:Operation`, with the principals that send it and the IAM action
 * it is authorized as where that is not its own name. A test reads the
 * code's AWS SDK commands and fails on one missing here, and checks each
 * entry against the generated policy of its principals.
 *
 * @public
 */
export const SUITE_CALLS: Readonly<
  Record<string, { principals: SuitePrincipal[]; action?: string }>
> = {
  'budgets:CreateBudget': {
    principals: ['member'],
    action: 'budgets:ModifyBudget',
  },
  'budgets:DescribeBudget': {
    principals: ['member'],
    action: 'budgets:ViewBudget',
  },
  'budgets:DescribeBudgets': {
    principals: ['management'],
    action: 'budgets:ViewBudget',
  },
  'ce:GetCostAndUsage': { principals: ['management'] },
  'config:DescribeAggregateComplianceByConfigRules': {
    principals: ['management'],
  },
  'config:GetAggregateComplianceDetailsByConfigRule': {
    principals: ['management'],
  },
  'controltower:EnableBaseline': { principals: ['management'] },
  'controltower:EnableControl': { principals: ['management'] },
  'controltower:GetBaselineOperation': { principals: ['management'] },
  'controltower:GetControlOperation': { principals: ['management'] },
  'controltower:GetLandingZone': { principals: ['management'] },
  'controltower:ListBaselines': { principals: ['management'] },
  'controltower:ListEnabledBaselines': { principals: ['management'] },
  'controltower:ListEnabledControls': { principals: ['management'] },
  'controltower:ListLandingZones': { principals: ['management'] },
  'controltower:ResetEnabledBaseline': { principals: ['management'] },
  'glue:CreateDatabase': { principals: ['member'] },
  'glue:DeleteDatabase': { principals: ['member'] },
  'glue:GetDatabase': { principals: ['member'] },
  'glue:GetDatabases': { principals: ['dataLake'] },
  'glue:GetTables': { principals: ['dataLake'] },
  // The launch role, kept in each account (the account baseline).
  'iam:CreateRole': { principals: ['member', 'sharedServices'] },
  'iam:GetRole': { principals: ['member', 'sharedServices'] },
  'iam:GetRolePolicy': { principals: ['member', 'sharedServices'] },
  'iam:PutRolePolicy': { principals: ['member', 'sharedServices'] },
  'iam:SimulatePrincipalPolicy': { principals: ['management'] },
  'lakeformation:GetDataLakeSettings': { principals: ['member'] },
  'lakeformation:GetResourceLFTags': { principals: ['dataLake'] },
  'lakeformation:GrantPermissions': { principals: ['dataLake', 'member'] },
  'lakeformation:ListPermissions': { principals: ['dataLake', 'member'] },
  'lakeformation:PutDataLakeSettings': { principals: ['member'] },
  'lakeformation:RevokePermissions': { principals: ['dataLake', 'member'] },
  'organizations:AttachPolicy': { principals: ['management'] },
  'organizations:CloseAccount': { principals: ['management'] },
  'organizations:CreateAccount': { principals: ['management'] },
  'organizations:CreateOrganizationalUnit': { principals: ['management'] },
  'organizations:CreatePolicy': { principals: ['management'] },
  'organizations:DescribeAccount': { principals: ['management'] },
  'organizations:DescribeCreateAccountStatus': { principals: ['management'] },
  'organizations:DescribeOrganization': { principals: ['management'] },
  'organizations:DescribeOrganizationalUnit': { principals: ['management'] },
  'organizations:DescribePolicy': { principals: ['management'] },
  'organizations:ListAWSServiceAccessForOrganization': {
    principals: ['management'],
  },
  'organizations:ListAccounts': { principals: ['management'] },
  'organizations:ListAccountsForParent': { principals: ['management'] },
  'organizations:ListCreateAccountStatus': { principals: ['management'] },
  'organizations:ListDelegatedAdministrators': { principals: ['management'] },
  'organizations:ListOrganizationalUnitsForParent': {
    principals: ['management'],
  },
  'organizations:ListParents': { principals: ['management'] },
  'organizations:ListPolicies': { principals: ['management'] },
  'organizations:ListPoliciesForTarget': { principals: ['management'] },
  'organizations:ListRoots': { principals: ['management'] },
  'organizations:ListTagsForResource': { principals: ['management'] },
  'organizations:ListTargetsForPolicy': { principals: ['management'] },
  'organizations:MoveAccount': { principals: ['management'] },
  'organizations:TagResource': { principals: ['management'] },
  'organizations:UpdatePolicy': { principals: ['management'] },
  'sagemaker:CreatePresignedDomainUrl': { principals: ['member'] },
  'sagemaker:CreateUserProfile': { principals: ['member'] },
  'sagemaker:DeleteUserProfile': { principals: ['member'] },
  'sagemaker:DescribeDomain': { principals: ['member'] },
  'sagemaker:DescribeUserProfile': { principals: ['member'] },
  'sagemaker:ListUserProfiles': { principals: ['member'] },
  'servicecatalog:AcceptPortfolioShare': { principals: ['member'] },
  'servicecatalog:AssociatePrincipalWithPortfolio': {
    principals: ['member', 'sharedServices'],
  },
  'servicecatalog:AssociateProductWithPortfolio': {
    principals: ['sharedServices'],
  },
  'servicecatalog:CreateConstraint': { principals: ['sharedServices'] },
  'servicecatalog:CreatePortfolioShare': { principals: ['sharedServices'] },
  'servicecatalog:CreateProduct': { principals: ['sharedServices'] },
  'servicecatalog:CreateProvisioningArtifact': {
    principals: ['sharedServices'],
  },
  'servicecatalog:DescribeConstraint': { principals: ['sharedServices'] },
  'servicecatalog:DescribePortfolioShareStatus': {
    principals: ['sharedServices'],
  },
  'servicecatalog:DescribeProduct': {
    principals: ['member', 'sharedServices'],
  },
  'servicecatalog:DescribeProductAsAdmin': { principals: ['sharedServices'] },
  'servicecatalog:DescribeProvisionedProduct': { principals: ['member'] },
  'servicecatalog:DescribeProvisioningArtifact': {
    principals: ['sharedServices'],
  },
  'servicecatalog:DescribeProvisioningParameters': { principals: ['member'] },
  'servicecatalog:DescribeRecord': {
    principals: ['member', 'sharedServices'],
  },
  'servicecatalog:ListAcceptedPortfolioShares': { principals: ['member'] },
  'servicecatalog:ListConstraintsForPortfolio': {
    principals: ['sharedServices'],
  },
  'servicecatalog:ListPortfolios': { principals: ['sharedServices'] },
  'servicecatalog:ListPrincipalsForPortfolio': {
    principals: ['member', 'sharedServices'],
  },
  'servicecatalog:ListProvisioningArtifacts': {
    principals: ['sharedServices'],
  },
  'servicecatalog:ProvisionProduct': {
    principals: ['member', 'sharedServices'],
  },
  'servicecatalog:RejectPortfolioShare': { principals: ['member'] },
  'servicecatalog:SearchProductsAsAdmin': { principals: ['sharedServices'] },
  'servicecatalog:SearchProvisionedProducts': {
    principals: ['member', 'sharedServices'],
  },
  'servicecatalog:TerminateProvisionedProduct': {
    principals: ['member', 'sharedServices'],
  },
  'servicecatalog:UpdateProvisionedProduct': { principals: ['member'] },
  'servicecatalog:UpdateProvisioningArtifact': {
    principals: ['sharedServices'],
  },
  's3:CreateBucket': { principals: ['sharedServices'] },
  's3:GetBucketEncryption': {
    principals: ['member'],
    action: 's3:GetEncryptionConfiguration',
  },
  's3:GetObject': { principals: ['sharedServices'] },
  // Authorized as s3:ListBucket, as AWS's HeadBucket reference says.
  's3:HeadBucket': { principals: ['sharedServices'], action: 's3:ListBucket' },
  's3:HeadObject': { principals: ['sharedServices'], action: 's3:GetObject' },
  's3:PutObject': { principals: ['sharedServices'] },
  // Backstage's AWS SQS events module, with the backend's credentials.
  'sqs:DeleteMessage': { principals: ['management'] },
  'sqs:ReceiveMessage': { principals: ['management'] },
  'sts:AssumeRole': { principals: ['management'] },
  // Needs no permission: AWS answers it for any valid credentials.
  'sts:GetCallerIdentity': { principals: [] },
};
