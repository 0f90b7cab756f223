/**
 * Who may grant what in Lake Formation: a data lake administrator on its
 * own catalog; anyone on what it holds with the grant option; and on a
 * resource another account shared, the recipient account's administrators
 * only what their account received with the grant option, and only to
 * their own account's principals.
 */
import { AwsError } from '../../errors.ts';
import type { CallContext } from '../../context.ts';
import type { EmulatorState, LakePermissionRecord } from '../../state.ts';
import {
  type LakeResource,
  accountOf,
  callerPrincipal,
  grantedIn,
  insufficient,
  nameOf,
  samePrincipal,
} from './resources.ts';

export function isAdmin(
  state: EmulatorState,
  accountId: string,
  principalArn: string,
) {
  const admins = state.lakeSettings.get(accountId)?.admins ?? [];
  const arn = callerPrincipal(principalArn);
  return admins.some(a => samePrincipal(a, arn));
}

/** The columns a resource allows, against the table's known columns. */
function columnsOf(
  state: EmulatorState,
  r: LakeResource,
): { all: true } | { only: string[] } | { except: string[] } {
  if (r.filter !== undefined) {
    const f = state.dataCellsFilters.get(
      `${r.catalogId}/${r.database}/${r.table}/${r.filter}`,
    );
    if (f?.columnNames) return { only: f.columnNames };
    if (f?.excludedColumns?.length) return { except: f.excludedColumns };
    return { all: true };
  }
  if (r.columns) return { only: r.columns };
  if (r.excludedColumns) return { except: r.excludedColumns };
  return { all: true };
}

/** Whether what `held` allows includes all of what `asked` names. */
export function covers(
  state: EmulatorState,
  held: LakeResource,
  asked: LakeResource,
) {
  if (held.catalogId !== asked.catalogId || held.database !== asked.database) {
    return false;
  }
  if (asked.table === undefined || held.table === undefined) {
    return asked.table === held.table;
  }
  if (held.table === '*') {
    return held.filter === undefined && !held.columns && !held.excludedColumns;
  }
  if (asked.table !== held.table) return false;
  if (asked.filter !== undefined) {
    return (
      asked.filter === held.filter ||
      (held.filter === undefined && !held.columns && !held.excludedColumns)
    );
  }
  if (held.filter !== undefined) return false;
  const h = columnsOf(state, held);
  const a = columnsOf(state, asked);
  if ('all' in h) return true;
  if ('all' in a) return false;
  if ('only' in h) {
    return 'only' in a && a.only.every(c => h.only.includes(c));
  }
  return 'only' in a
    ? a.only.every(c => !h.except.includes(c))
    : h.except.every(c => a.except.includes(c));
}

function includes(list: string[] | undefined, permission: string) {
  return !!list && (list.includes(permission) || list.includes('ALL'));
}

/** Whether these records give `permission` on the resource (with the grant option when asked). */
export function holds(
  state: EmulatorState,
  records: LakePermissionRecord[],
  asked: LakeResource,
  permission: string,
  grantOption: boolean,
) {
  return records.some(
    p =>
      covers(state, p, asked) &&
      includes(grantOption ? p.grantable : p.permissions, permission),
  );
}

/**
 * Throws AccessDeniedException unless the caller may grant (or revoke) these
 * permissions on the resource to the principal.
 */
export function checkGrantor(
  ctx: CallContext,
  resource: LakeResource,
  principal: string,
  permissions: string[],
  revoking: boolean,
) {
  const { state, caller } = ctx;
  const self = callerPrincipal(caller.arn);
  const admin = isAdmin(state, caller.accountId, self);
  const own = state.lakePermissions.filter(
    p =>
      accountOf(p.principal) === caller.accountId &&
      samePrincipal(p.principal, self),
  );
  const mayByOwnGrantOption = permissions.every(perm =>
    holds(state, own, resource, perm, true),
  );
  if (resource.catalogId === caller.accountId) {
    if (admin || mayByOwnGrantOption) return;
    throw insufficient(nameOf(resource));
  }
  // A resource shared with the caller's account: re-granted inside it only.
  if (accountOf(principal) !== caller.accountId) {
    throw new AwsError(
      'AccessDeniedException',
      `Insufficient Lake Formation permission(s) on ${nameOf(
        resource,
      )}: a resource shared with account ${
        caller.accountId
      } is granted on only to its own principals`,
    );
  }
  if (mayByOwnGrantOption) return;
  const received = state.lakePermissions.filter(
    p =>
      p.principal === caller.accountId && grantedIn(p) === resource.catalogId,
  );
  // Taking back what the account's own administrators granted needs no grant option.
  const accountMay =
    revoking ||
    permissions.every(perm => holds(state, received, resource, perm, true));
  if (admin && accountMay) return;
  throw insufficient(nameOf(resource));
}
