/**
 * What Lake Formation answers about grants: ListPermissions in the caller's
 * account (the grants made there and those it received), and
 * GetEffectivePermissionsForPath for one database or table.
 */
import { type CallContext, paginate } from '../../context.ts';
import type { LakePermissionRecord } from '../../state.ts';
import {
  type LakeResource,
  accountOf,
  grantedIn,
  invalid,
  principalOf,
  resourceOf,
  resourceShape,
  samePrincipal,
} from './resources.ts';

function entryOf(p: LakePermissionRecord) {
  return {
    Principal: { DataLakePrincipalIdentifier: p.principal },
    Resource: resourceShape(p),
    Permissions: p.permissions,
    PermissionsWithGrantOption: p.grantable ?? [],
  };
}

/** Grants the caller's account can see: made in it, or received by it. */
function visible(ctx: CallContext) {
  const account = ctx.caller.accountId;
  return ctx.state.lakePermissions.filter(
    p => grantedIn(p) === account || accountOf(p.principal) === account,
  );
}

/** Grants on the table itself, its database's table wildcard, its columns or its data cells filters. */
function relatedTo(p: LakePermissionRecord, r: LakeResource) {
  if (p.catalogId !== r.catalogId || p.database !== r.database) return false;
  if (r.table === undefined) return p.table === undefined;
  return p.table === r.table || (p.table === '*' && r.table !== undefined);
}

function page(items: LakePermissionRecord[], input: any) {
  const { page: listed, nextToken } = paginate(
    items,
    input.MaxResults,
    input.NextToken,
    { max: 1000, default: 100 },
    () => invalid('NextToken is not valid.'),
  );
  return {
    entries: listed.map(entryOf),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

export function listPermissions(ctx: CallContext, input: any) {
  let items = visible(ctx);
  if (input.Principal !== undefined) {
    const principal = principalOf(ctx, input);
    items = items.filter(p =>
      /^\d{12}$/.test(principal)
        ? p.principal === principal
        : samePrincipal(p.principal, principal),
    );
  }
  const requested = input.Resource;
  const columnsOfTable =
    requested?.TableWithColumns &&
    requested.TableWithColumns.ColumnNames === undefined &&
    requested.TableWithColumns.ColumnWildcard === undefined;
  if (requested) {
    // TableWithColumns without columns asks for the table's column grants.
    const resource = resourceOf(
      ctx,
      columnsOfTable ? { Table: requested.TableWithColumns } : requested,
    );
    const related = input.IncludeRelated === 'TRUE';
    items = items.filter(p => {
      if (columnsOfTable) {
        return (
          relatedTo(p, resource) &&
          p.table === resource.table &&
          !!(p.columns || p.excludedColumns)
        );
      }
      const same =
        p.catalogId === resource.catalogId &&
        p.database === resource.database &&
        p.table === resource.table &&
        p.filter === resource.filter &&
        (p.columns ?? []).join() === (resource.columns ?? []).join() &&
        (p.excludedColumns ?? []).join() ===
          (resource.excludedColumns ?? []).join();
      return same || (related && relatedTo(p, resource));
    });
  } else if (input.CatalogId !== undefined) {
    items = items.filter(p => p.catalogId === input.CatalogId);
  }
  const { entries, NextToken } = page(items, input);
  return {
    PrincipalResourcePermissions: entries,
    ...(NextToken ? { NextToken } : {}),
  };
}

const PATH =
  /^arn:aws[\w-]*:glue:[\w-]+:(\d{12}):(database|table)\/([^/]+)(?:\/([^/]+))?$/;

export function getEffectivePermissionsForPath(ctx: CallContext, input: any) {
  const match = PATH.exec(input.ResourceArn ?? '');
  if (!match || (match[2] === 'table') !== (match[4] !== undefined)) {
    throw invalid(
      'ResourceArn must be a Glue database or table ARN, e.g. arn:aws:glue:us-east-1:111122223333:table/sales/orders.',
    );
  }
  const [, catalogId, kind, database, table] = match;
  const resource = resourceOf(
    ctx,
    kind === 'database'
      ? { Database: { CatalogId: catalogId, Name: database } }
      : {
          Table: { CatalogId: catalogId, DatabaseName: database, Name: table },
        },
  );
  const items = visible(ctx).filter(p => relatedTo(p, resource));
  const { entries, NextToken } = page(items, input);
  return { Permissions: entries, ...(NextToken ? { NextToken } : {}) };
}
