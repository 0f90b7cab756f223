// The IAM policies of the suite's principals, the one source the docs, the
// pre-flight checks and the emulator's seeded policies are generated from.
// Self-contained (no imports), so scripts/iam-policies.mjs can load it with
// Node's type stripping.

/**
 * Who sends a call: the management account's principal (the backend's own
 * credentials), the member-account role in a project account, that role in
 * the shared services account (the portfolio's owner) and in the data lake
 * account.
 *
 * @public
 */
export type SuitePrincipal =
  | 'management'
  | 'member'
  | 'sharedServices'
  | 'dataLake';

/**
 * What the suite does, each flow needing its own actions.
 *
 * @public
 */
export type SuiteFlow =
  | 'provisioning'
  | 'status'
  | 'events'
  | 'studio'
  | 'dataAccess'
  | 'offboarding'
  | 'publishing';

/** @public */
export interface SuitePolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
}

/** @public */
export interface SuitePolicyDocument {
  Version: '2012-10-17';
  Statement: SuitePolicyStatement[];
}

/**
 * The names the policies depend on, as the suite's configuration gives them.
 *
 * @public
 */
export interface SuitePolicyOptions {
  /** AWS partition, `aws` by default. */
  partition?: string;
  /** `mlEnvironments.aws.memberAccountRoleName`. */
  memberAccountRoleName?: string;
  /** Whether offboarding closes accounts (`offboarding.closeAccounts`). */
  closeAccounts?: boolean;
  /** The queue the organization's events arrive on. */
  eventsQueue?: string;
  /** The bucket Service Catalog templates are uploaded to before publishing. */
  templatesBucket?: string;
}

interface StatementSource {
  sid: string;
  principal: SuitePrincipal;
  flows: SuiteFlow[];
  actions: string[];
  resource?: (o: Required<SuitePolicyOptions>) => string | string[];
  when?: (o: Required<SuitePolicyOptions>) => boolean;
}

const ALL_FLOWS: SuiteFlow[] = [
  'provisioning',
  'status',
  'events',
  'studio',
  'dataAccess',
  'offboarding',
  'publishing',
];

/** Every statement of every principal, with the flows that need it. */
const STATEMENTS: StatementSource[] = [
  {
    sid: 'ReadTheOrganization',
    principal: 'management',
    flows: ALL_FLOWS,
    actions: [
      'organizations:DescribeAccount',
      'organizations:DescribeCreateAccountStatus',
      'organizations:DescribeOrganization',
      'organizations:DescribeOrganizationalUnit',
      'organizations:DescribePolicy',
      'organizations:ListAWSServiceAccessForOrganization',
      'organizations:ListAccounts',
      'organizations:ListAccountsForParent',
      'organizations:ListCreateAccountStatus',
      'organizations:ListDelegatedAdministrators',
      'organizations:ListOrganizationalUnitsForParent',
      'organizations:ListParents',
      'organizations:ListPolicies',
      'organizations:ListPoliciesForTarget',
      'organizations:ListRoots',
      'organizations:ListTagsForResource',
      'organizations:ListTargetsForPolicy',
    ],
  },
  {
    // Month-to-date spend per linked account, for a project's cost.
    sid: 'ReadLinkedAccountCosts',
    principal: 'management',
    flows: ['status'],
    actions: ['ce:GetCostAndUsage'],
  },
  {
    sid: 'ReadControlTowerAndCompliance',
    principal: 'management',
    flows: ['provisioning', 'status', 'events'],
    actions: [
      'budgets:ViewBudget',
      'config:DescribeAggregateComplianceByConfigRules',
      'config:GetAggregateComplianceDetailsByConfigRule',
      'controltower:GetBaselineOperation',
      'controltower:GetControlOperation',
      'controltower:GetLandingZone',
      'controltower:ListBaselines',
      'controltower:ListEnabledBaselines',
      'controltower:ListEnabledControls',
      'controltower:ListLandingZones',
    ],
  },
  {
    sid: 'ProvisionAndGovern',
    principal: 'management',
    flows: ['provisioning', 'offboarding'],
    actions: [
      'controltower:EnableBaseline',
      'controltower:EnableControl',
      'controltower:ResetEnabledBaseline',
      // Organizations' service-linked role, made on the first CreateAccount.
      'iam:CreateServiceLinkedRole',
      'organizations:AttachPolicy',
      'organizations:CreateAccount',
      'organizations:CreateOrganizationalUnit',
      'organizations:CreatePolicy',
      'organizations:MoveAccount',
      'organizations:TagResource',
      'organizations:UpdatePolicy',
    ],
  },
  {
    sid: 'CloseRetiredAccounts',
    principal: 'management',
    flows: ['offboarding'],
    actions: ['organizations:CloseAccount'],
    when: o => o.closeAccounts,
  },
  {
    sid: 'ActInMemberAccounts',
    principal: 'management',
    flows: ALL_FLOWS,
    actions: ['sts:AssumeRole'],
    resource: o => `arn:${o.partition}:iam::*:role/${o.memberAccountRoleName}`,
  },
  {
    sid: 'CheckPermissionsBeforeChanging',
    principal: 'management',
    flows: ['provisioning', 'offboarding', 'dataAccess', 'publishing'],
    actions: ['iam:SimulatePrincipalPolicy'],
  },
  {
    sid: 'ReceiveTheOrganizationsEvents',
    principal: 'management',
    flows: ['events'],
    actions: ['sqs:DeleteMessage', 'sqs:ReceiveMessage'],
    resource: o => `arn:${o.partition}:sqs:*:*:${o.eventsQueue}`,
  },
  {
    sid: 'LaunchAndRetireProducts',
    principal: 'member',
    flows: ['provisioning', 'status', 'events', 'offboarding'],
    actions: [
      'servicecatalog:AcceptPortfolioShare',
      'servicecatalog:AssociatePrincipalWithPortfolio',
      'servicecatalog:DescribeProduct',
      'servicecatalog:DescribeProvisionedProduct',
      'servicecatalog:DescribeRecord',
      'servicecatalog:ListAcceptedPortfolioShares',
      'servicecatalog:ListPrincipalsForPortfolio',
      'servicecatalog:ProvisionProduct',
      'servicecatalog:RejectPortfolioShare',
      'servicecatalog:SearchProvisionedProducts',
      'servicecatalog:TerminateProvisionedProduct',
    ],
  },
  {
    // Without a launch constraint, Service Catalog runs the product's
    // stack as the launching role; the stacks are named SC-<account>-pp-….
    sid: 'RunTheProductsStacks',
    principal: 'member',
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
  {
    sid: 'GrantDataLakeAccess',
    principal: 'dataLake',
    flows: ['dataAccess', 'offboarding', 'status'],
    actions: [
      'glue:GetDatabases',
      'lakeformation:GrantPermissions',
      'lakeformation:ListPermissions',
      'lakeformation:RevokePermissions',
    ],
  },
];

const DEFAULTS: Required<SuitePolicyOptions> = {
  partition: 'aws',
  memberAccountRoleName: 'OrganizationAccountAccessRole',
  closeAccounts: true,
  eventsQueue: 'ml-governance-events',
  templatesBucket: 'ml-environments-templates-*',
};

function withDefaults(options: SuitePolicyOptions) {
  const given = Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  );
  return { ...DEFAULTS, ...given } as Required<SuitePolicyOptions>;
}

/**
 * The identity policy a principal of the suite needs for every flow: what
 * docs/deployment.md prints and the emulator enforces. The policies use no
 * conditions.
 *
 * @public
 */
export function suitePolicy(
  principal: SuitePrincipal,
  options: SuitePolicyOptions = {},
): SuitePolicyDocument {
  const o = withDefaults(options);
  return {
    Version: '2012-10-17',
    Statement: STATEMENTS.filter(
      s => s.principal === principal && (s.when?.(o) ?? true),
    ).map(s => ({
      Sid: s.sid,
      Effect: 'Allow',
      Action: [...s.actions].sort(),
      Resource: s.resource?.(o) ?? '*',
    })),
  };
}

/**
 * The actions a principal needs for one flow, e.g. for IAM's policy
 * simulator before the flow's first change.
 *
 * @public
 */
export function suiteActionsFor(
  principal: SuitePrincipal,
  flow: SuiteFlow,
  options: SuitePolicyOptions = {},
): string[] {
  const o = withDefaults(options);
  const actions = STATEMENTS.filter(
    s =>
      s.principal === principal &&
      s.flows.includes(flow) &&
      (s.when?.(o) ?? true),
  ).flatMap(s => s.actions);
  return [...new Set(actions)].sort();
}

/**
 * The principals of the suite, in the order the docs give them.
 *
 * @public
 */
export const SUITE_PRINCIPALS: readonly SuitePrincipal[] = [
  'management',
  'member',
  'sharedServices',
  'dataLake',
];
