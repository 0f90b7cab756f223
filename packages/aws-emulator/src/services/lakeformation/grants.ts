/**
 * Lake Formation grants on a catalog's databases, tables, columns and data
 * cells filters, to accounts or IAM principals, with or without the grant
 * option; and the AWS RAM shares that cross-account grants imply. Inside
 * the organization a share is active at once (RAM sharing with AWS
 * Organizations enabled), as the guide's data lake uses it.
 */
import { createHash } from 'node:crypto';
import { AwsError } from '../../errors.ts';
import type { CallContext } from '../../context.ts';
import type { EmulatorState } from '../../state.ts';
import { checkGrantor, holds } from './authority.ts';
import {
  type LakeResource,
  accountOf,
  grantedIn,
  invalid,
  kindOf,
  principalOf,
  resourceOf,
  sameResource,
} from './resources.ts';

const PERMISSIONS: Record<string, string[]> = {
  database: ['ALL', 'ALTER', 'CREATE_TABLE', 'DESCRIBE', 'DROP'],
  link: ['DESCRIBE', 'DROP'],
  table: ['ALL', 'ALTER', 'DELETE', 'DESCRIBE', 'DROP', 'INSERT', 'SELECT'],
  columns: ['SELECT'],
  filter: ['DESCRIBE', 'DROP', 'SELECT'],
};
const KIND_NAMES: Record<string, string> = {
  database: 'a database',
  link: 'a resource link',
  table: 'a table',
  columns: 'columns of a table (TableWithColumns)',
  filter: 'a data cells filter',
};

function checkPermissions(
  state: EmulatorState,
  resource: LakeResource,
  input: any,
) {
  const kind = kindOf(resource, state);
  const allowed = PERMISSIONS[kind];
  const permissions = input.Permissions;
  if (
    !Array.isArray(permissions) ||
    permissions.length === 0 ||
    permissions.some(p => !allowed.includes(p))
  ) {
    throw invalid(
      `Permissions on ${KIND_NAMES[kind]} are some of ${allowed.join(', ')}.`,
    );
  }
  const withGrant = input.PermissionsWithGrantOption ?? [];
  if (
    !Array.isArray(withGrant) ||
    withGrant.some(p => !permissions.includes(p))
  ) {
    throw invalid(
      'PermissionsWithGrantOption must be a subset of Permissions.',
    );
  }
  return {
    permissions: [...new Set<string>(permissions)],
    withGrant: [...new Set<string>(withGrant)],
  };
}

function checkCatalog(ctx: CallContext, input: any, resource: LakeResource) {
  const { CatalogId } = input;
  if (
    CatalogId !== undefined &&
    CatalogId !== ctx.caller.accountId &&
    CatalogId !== resource.catalogId
  ) {
    throw new AwsError(
      'AccessDeniedException',
      `Account ${ctx.caller.accountId} cannot grant in catalog ${CatalogId}; call from the catalog's account.`,
    );
  }
}

function resourceArn(ctx: CallContext, r: LakeResource) {
  const base = `arn:aws:glue:${ctx.region}:${r.catalogId}`;
  return r.table
    ? `${base}:table/${r.database}/${r.table}`
    : `${base}:database/${r.database}`;
}

/** Keeps the RAM share of a catalog with an account in step with the grants. */
export function syncShare(
  ctx: CallContext,
  catalogId: string,
  accountId: string,
) {
  if (accountId === catalogId) return;
  const { state } = ctx;
  const key = `${catalogId}/${accountId}`;
  const resourceArns = [
    ...new Set(
      state.lakePermissions
        .filter(
          p =>
            p.catalogId === catalogId &&
            grantedIn(p) === catalogId &&
            accountOf(p.principal) === accountId,
        )
        .map(p => resourceArn(ctx, p)),
    ),
  ];
  const existing = state.resourceShares.get(key);
  if (resourceArns.length === 0) {
    state.resourceShares.delete(key);
  } else if (existing) {
    existing.resourceArns = resourceArns;
  } else {
    const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
    state.resourceShares.set(key, {
      arn: `arn:aws:ram:${ctx.region}:${catalogId}:resource-share/${id}`,
      name: `LakeFormation-V4-${id.slice(0, 12)}`,
      ownerAccountId: catalogId,
      principal: accountId,
      resourceArns,
      createdAt: new Date(),
    });
  }
}

/**
 * What an account granted on inside itself from a catalog's shared
 * resources keeps only what the account still receives: taking a grant
 * back from the account takes it from the account's principals too.
 */
function cascade(state: EmulatorState, catalogId: string, accountId: string) {
  const received = state.lakePermissions.filter(
    p => p.principal === accountId && grantedIn(p) === catalogId,
  );
  state.lakePermissions = state.lakePermissions.filter(p => {
    if (grantedIn(p) !== accountId || p.catalogId !== catalogId) return true;
    p.permissions = p.permissions.filter(perm =>
      holds(state, received, p, perm, false),
    );
    p.grantable = p.grantable?.filter(perm => p.permissions.includes(perm));
    return p.permissions.length > 0;
  });
}

function find(
  state: EmulatorState,
  resource: LakeResource,
  principal: string,
  account: string,
) {
  return state.lakePermissions.find(
    p =>
      p.principal === principal &&
      grantedIn(p) === account &&
      sameResource(p, resource),
  );
}

export function grantPermissions(ctx: CallContext, input: any) {
  const resource = resourceOf(ctx, input.Resource);
  const principal = principalOf(ctx, input);
  const { permissions, withGrant } = checkPermissions(
    ctx.state,
    resource,
    input,
  );
  checkCatalog(ctx, input, resource);
  checkGrantor(ctx, resource, principal, permissions, false);
  const account = ctx.caller.accountId;
  const existing = find(ctx.state, resource, principal, account);
  // Granting what is held already changes nothing, as in AWS.
  if (existing) {
    existing.permissions = [
      ...new Set([...existing.permissions, ...permissions]),
    ];
    existing.grantable = [
      ...new Set([...(existing.grantable ?? []), ...withGrant]),
    ];
  } else {
    ctx.state.lakePermissions.push({
      ...resource,
      principal,
      permissions,
      grantable: withGrant,
      grantedIn: account,
    });
  }
  if (account === resource.catalogId) {
    syncShare(ctx, resource.catalogId, accountOf(principal)!);
  }
  return {};
}

export function revokePermissions(ctx: CallContext, input: any) {
  const resource = resourceOf(ctx, input.Resource);
  const principal = principalOf(ctx, input);
  const { permissions, withGrant } = checkPermissions(
    ctx.state,
    resource,
    input,
  );
  checkCatalog(ctx, input, resource);
  checkGrantor(ctx, resource, principal, permissions, true);
  const account = ctx.caller.accountId;
  const { state } = ctx;
  const existing = find(state, resource, principal, account);
  if (!existing || !permissions.some(p => existing.permissions.includes(p))) {
    throw invalid(
      'No permissions revoked. Grantee has no permissions on resource.',
    );
  }
  const gone = new Set([...permissions, ...withGrant]);
  existing.permissions = existing.permissions.filter(p => !gone.has(p));
  existing.grantable = existing.grantable?.filter(p => !gone.has(p));
  if (existing.permissions.length === 0) {
    state.lakePermissions = state.lakePermissions.filter(p => p !== existing);
  }
  if (account === resource.catalogId) {
    const grantee = accountOf(principal)!;
    syncShare(ctx, resource.catalogId, grantee);
    if (grantee !== account) cascade(state, resource.catalogId, grantee);
  }
  return {};
}

/** BatchGrantPermissions / BatchRevokePermissions: each entry on its own, failures listed. */
export function batch(operation: (ctx: CallContext, input: any) => unknown) {
  return (ctx: CallContext, input: any) => {
    const entries = input.Entries;
    if (!Array.isArray(entries) || entries.length === 0) {
      throw invalid('Entries must list at least one entry.');
    }
    if (entries.length > 20) {
      throw invalid('Entries may list at most 20 entries.');
    }
    const Failures = [];
    for (const entry of entries) {
      try {
        operation(ctx, { CatalogId: input.CatalogId, ...entry });
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        Failures.push({
          RequestEntry: entry,
          Error: { ErrorCode: error.code, ErrorMessage: error.message },
        });
      }
    }
    return { Failures };
  };
}
