import { AwsError } from '../../errors.ts';
import { type RequestValues, conditionHolds } from '../../scp/evaluate.ts';
import { type CallContext, type Handlers, paginate } from '../../context.ts';
import { roleHandlers, roleMutations } from './roles.ts';
import type {
  EmulatorState,
  IdentityPolicy,
  IdentityStatement,
} from '../../state.ts';

/** Users, groups and roles: the principals the simulator accepts. */
const PRINCIPAL_ARN =
  /^arn:aws:iam::(\d{12}):(user|group|role)\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,128})$/;

type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

function asList<T>(value: T | T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** IAM's wildcards: `*` any run of characters, `?` any one; case-insensitive for actions. */
function wildcardMatches(pattern: string, value: string, ignoreCase: boolean) {
  const source = pattern
    .split('')
    .map(c => {
      if (c === '*') return '.*';
      if (c === '?') return '.';
      return c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'si' : 's').test(value);
}

/** The condition keys the emulator gives identity policies (lower case). */
export const IDENTITY_CONDITION_KEYS = [
  'aws:principalaccount',
  'aws:principalarn',
  's3:resourceaccount',
];

/** Whether every key of a Condition is one the emulator evaluates. */
function evaluable(condition: unknown): boolean {
  if (!condition || typeof condition !== 'object') return false;
  return Object.values(condition).every(
    block =>
      block &&
      typeof block === 'object' &&
      Object.keys(block).every(key =>
        IDENTITY_CONDITION_KEYS.includes(key.toLowerCase()),
      ),
  );
}

function statementApplies(
  statement: IdentityStatement,
  action: string,
  resource: string,
  request?: RequestValues,
) {
  const actions = asList(statement.Action);
  const notActions = asList(statement.NotAction);
  if (statement.Condition !== undefined) {
    if (request && evaluable(statement.Condition)) {
      if (!conditionHolds(statement.Condition as any, request)) return false;
    } else if (statement.Effect === 'Allow') {
      // Other conditions are not evaluated: a conditional Allow never
      // applies and a conditional Deny always does, failing closed.
      return false;
    }
  }
  const actionMatches = actions
    ? actions.some(a => wildcardMatches(a, action, true))
    : !notActions!.some(a => wildcardMatches(a, action, true));
  const resources = asList(statement.Resource);
  const notResources = asList(statement.NotResource);
  const resourceMatches = resources
    ? resources.some(r => wildcardMatches(r, resource, false))
    : !(notResources ?? []).some(r => wildcardMatches(r, resource, false));
  return actionMatches && resourceMatches;
}

/** An explicit deny wins; otherwise an allow allows; otherwise denied implicitly. */
export function evaluateIdentityPolicies(
  policies: IdentityPolicy[] | undefined,
  action: string,
  resource: string,
  /** The request's condition keys; without them no condition holds. */
  request?: RequestValues,
): Decision {
  if (!policies) return 'allowed';
  const statements = policies.flatMap(p => asList(p.Statement) ?? []);
  const applying = statements.filter(s =>
    statementApplies(s, action, resource, request),
  );
  if (applying.some(s => s.Effect === 'Deny')) return 'explicitDeny';
  return applying.some(s => s.Effect === 'Allow') ? 'allowed' : 'implicitDeny';
}

/** Checks a seeded identity policy: conditions only on the keys the emulator gives. */
export function validateIdentityPolicy(policy: unknown, where: string) {
  const statements = asList<unknown>((policy as any)?.Statement);
  if (!statements || statements.length === 0) {
    throw new Error(`${where}: a policy needs a Statement`);
  }
  for (const [i, statement] of (statements as any[]).entries()) {
    const at = `${where}: statement ${i + 1}`;
    if (statement?.Effect !== 'Allow' && statement?.Effect !== 'Deny') {
      throw new Error(`${at}: Effect must be Allow or Deny`);
    }
    if (
      (statement.Action === undefined) ===
      (statement.NotAction === undefined)
    ) {
      throw new Error(`${at}: give exactly one of Action and NotAction`);
    }
    if (statement.Condition !== undefined && !evaluable(statement.Condition)) {
      throw new Error(
        `${at}: the emulator evaluates conditions only on aws:PrincipalAccount, aws:PrincipalArn and s3:ResourceAccount; leave other conditions out`,
      );
    }
  }
}

/**
 * A principal's identity policies: its own entry, or for a role an entry
 * for the role of that name in every account (`arn:aws:iam::*:role/name`,
 * as a StackSet deploys one); undefined for an administrator.
 */
export function policiesOf(
  state: EmulatorState,
  arn: string,
): IdentityPolicy[] | undefined {
  const own = state.principalPolicies.get(arn);
  if (own) return own;
  const role = /^arn:aws:iam::\d{12}:(role\/.+)$/.exec(arn);
  return role
    ? state.principalPolicies.get(`arn:aws:iam::*:${role[1]}`)
    : undefined;
}

/** Whether a role of this name exists in the account: its access role, or a seeded one. */
export function roleExists(
  state: EmulatorState,
  accountId: string,
  roleName: string,
) {
  const account = state.accounts.get(accountId);
  if (!account) return false;
  const arn = `arn:aws:iam::${accountId}:role/${roleName}`;
  // An invited account holds only what its owner made: no access role, and
  // none of the roles seeded in every account unless named for it.
  if (account.joinedMethod === 'INVITED') {
    return state.principalPolicies.has(arn);
  }
  return account.roleName === roleName || policiesOf(state, arn) !== undefined;
}

/** The IAM principal a caller acts as: the role behind an assumed-role session. */
function principalOf(callerArn: string) {
  const assumed = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(
    callerArn,
  );
  return assumed ? `arn:aws:iam::${assumed[1]}:role/${assumed[2]}` : callerArn;
}

/** Whether the principal exists: a credential's identity, an account's access role, or a seeded principal. */
function principalExists(state: EmulatorState, arn: string) {
  if (policiesOf(state, arn)) return true;
  if ([...state.credentials.values()].some(c => principalOf(c.arn) === arn)) {
    return true;
  }
  const match = PRINCIPAL_ARN.exec(arn);
  return match?.[2] === 'role' && roleExists(state, match[1], match[3]);
}

function simulatePrincipalPolicy({ state, caller }: CallContext, input: any) {
  const self = principalOf(caller.arn);
  const own = evaluateIdentityPolicies(
    policiesOf(state, self),
    'iam:SimulatePrincipalPolicy',
    input.PolicySourceArn,
  );
  if (own !== 'allowed') {
    throw new AwsError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: iam:SimulatePrincipalPolicy on resource: ${input.PolicySourceArn}`,
      { status: 403 },
    );
  }
  if (!PRINCIPAL_ARN.test(input.PolicySourceArn)) {
    throw new AwsError(
      'InvalidInput',
      `PolicySourceArn ${input.PolicySourceArn} is not the ARN of a user, group or role.`,
    );
  }
  if (!principalExists(state, input.PolicySourceArn)) {
    throw new AwsError(
      'NoSuchEntity',
      `The principal ${input.PolicySourceArn} cannot be found.`,
      { status: 404 },
    );
  }
  const resources: string[] = input.ResourceArns ?? ['*'];
  const policies = policiesOf(state, input.PolicySourceArn);
  const results = (input.ActionNames as string[]).flatMap(action =>
    resources.map(resource => ({
      EvalActionName: action,
      EvalResourceName: resource,
      EvalDecision: evaluateIdentityPolicies(policies, action, resource),
      MatchedStatements: [],
      MissingContextValues: [],
    })),
  );
  const maxItems =
    input.MaxItems === undefined ? undefined : Number(input.MaxItems);
  const { page, nextToken } = paginate(
    results,
    maxItems,
    input.Marker,
    { max: 1000, default: 100 },
    () => new AwsError('InvalidInput', 'The Marker is not valid.'),
  );
  return {
    EvaluationResults: page,
    IsTruncated: nextToken !== undefined,
    Marker: nextToken,
  };
}

/** The role operations that change state; the simulator only reads. */
export const iamMutations: ReadonlySet<string> = roleMutations;

export function iamHandlers(): Handlers {
  return {
    SimulatePrincipalPolicy: simulatePrincipalPolicy,
    ...roleHandlers(),
  };
}
