import type { ProvisioningPlan } from './planner';

/**
 * The IAM actions the management account's principal needs to carry out a
 * plan, so pre-flight can have IAM simulate them before the first change:
 * the part of its generated policy (`suitePolicy('management')`) this plan
 * uses. Other flows ask `suiteActionsFor(principal, flow)`. Calls made
 * inside member accounts, by the member role, are not here: IAM simulates
 * principals of the caller's own account.
 *
 * @public
 */
export function managementActionsFor(plan: ProvisioningPlan): string[] {
  const actions = new Set([
    'organizations:ListRoots',
    'organizations:ListOrganizationalUnitsForParent',
    'organizations:ListAccounts',
    'organizations:ListParents',
    'organizations:ListTagsForResource',
    // Which other projects a change to a shared OU reaches.
    'organizations:ListAccountsForParent',
    'controltower:ListLandingZones',
    'controltower:GetLandingZone',
    'controltower:ListBaselines',
    'controltower:ListEnabledBaselines',
  ]);
  const add = (...names: string[]) => names.forEach(n => actions.add(n));
  if (plan.organizationalUnits.length > 0) {
    add(
      'organizations:CreateOrganizationalUnit',
      'controltower:EnableBaseline',
      'controltower:GetBaselineOperation',
    );
  }
  if (plan.accounts.length > 0) {
    add(
      'organizations:CreateAccount',
      // Organizations' service-linked role, made on the first CreateAccount.
      'iam:CreateServiceLinkedRole',
      'organizations:DescribeCreateAccountStatus',
      'organizations:ListCreateAccountStatus',
      'organizations:DescribeAccount',
      'organizations:MoveAccount',
      'organizations:TagResource',
      'controltower:ResetEnabledBaseline',
      'controltower:GetBaselineOperation',
    );
  }
  if (plan.policies.length > 0) {
    add(
      'organizations:ListPolicies',
      'organizations:DescribePolicy',
      'organizations:CreatePolicy',
      'organizations:UpdatePolicy',
      'organizations:ListPoliciesForTarget',
      'organizations:AttachPolicy',
    );
  }
  if (plan.controls.length > 0) {
    add(
      'controltower:ListEnabledControls',
      'controltower:EnableControl',
      'controltower:GetControlOperation',
    );
  }
  if (plan.products.length > 0) {
    // Whether the shared services account may share the portfolio with OUs.
    add(
      'organizations:ListAWSServiceAccessForOrganization',
      'organizations:ListDelegatedAdministrators',
      // Each launch re-checks its template against the target account's own
      // SCP chain, root down (-node readScpChain).
      'organizations:DescribeOrganizationalUnit',
      'organizations:ListPoliciesForTarget',
      'organizations:DescribePolicy',
    );
  }
  if (plan.products.length > 0 || plan.budget) add('sts:AssumeRole');
  if (plan.budget) add('budgets:ViewBudget');
  return [...actions].sort();
}

/**
 * The IAM principal behind a caller's ARN, as IAM's policy simulator wants
 * it: the role of an assumed-role session (its path is not in the session
 * ARN, so a role with a path must be named in configuration), or the user;
 * undefined for the root user, who may do everything.
 *
 * @public
 */
export function principalArnOf(callerArn: string): string | undefined {
  const assumed = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(
    callerArn,
  );
  if (assumed) return `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`;
  if (/^arn:[\w-]+:iam::\d{12}:root$/.test(callerArn)) return undefined;
  return callerArn;
}
