import {
  GrantPermissionsCommand,
  InvalidInputException,
  LakeFormationClient,
  Permission,
  Resource,
  RevokePermissionsCommand,
  paginateListPermissions,
} from '@aws-sdk/client-lakeformation';
import { allPages } from '../pages';

/**
 * A table of a granted database whose access is narrowed: some columns
 * withheld (e.g. PII kept out of a dev account). @public
 */
export interface DataAccessTable {
  name: string;
  /** Columns not granted, as `ColumnWildcard.ExcludedColumnNames` says. */
  excludedColumns?: string[];
}

/** One database of the data lake's catalog, read by one account. @public */
export interface DataAccess {
  /** The data lake account, whose Glue Data Catalog holds the database. */
  catalogId: string;
  database: string;
  /** The project account that reads it. */
  accountId: string;
  /**
   * Every table, when some have columns withheld: each is then granted on
   * its own (a table wildcard would reach the withheld columns). Absent:
   * all tables, present and future, through the table wildcard.
   */
  tables?: DataAccessTable[];
}

/** Permissions on one resource, as granted and as ListPermissions finds them. */
export interface LakeGrant {
  resource: Resource;
  permissions: Permission[];
}

/**
 * SELECT and DESCRIBE on the database's tables in the data lake's catalog:
 * all through the table wildcard, or table by table with the columns each
 * withholds left out.
 */
export function tableGrants(access: DataAccess): LakeGrant[] {
  const { catalogId, database } = access;
  const permissions: Permission[] = ['SELECT', 'DESCRIBE'];
  if (!access.tables) {
    const resource = {
      Table: {
        CatalogId: catalogId,
        DatabaseName: database,
        TableWildcard: {},
      },
    };
    return [{ resource, permissions }];
  }
  return access.tables.map(table => {
    if (!table.excludedColumns?.length) {
      const resource = {
        Table: {
          CatalogId: catalogId,
          DatabaseName: database,
          Name: table.name,
        },
      };
      return { resource, permissions };
    }
    // A column grant is SELECT only (Lake Formation refuses DESCRIBE on
    // columns), and ListPermissions finds it by its own resource.
    const resource = {
      TableWithColumns: {
        CatalogId: catalogId,
        DatabaseName: database,
        Name: table.name,
        ColumnWildcard: { ExcludedColumnNames: table.excludedColumns },
      },
    };
    return { resource, permissions: ['SELECT'] };
  });
}

/**
 * Read-only access as Lake Formation's cross-account sharing gives it:
 * DESCRIBE on the database and SELECT, DESCRIBE on its tables, granted to
 * the consumer account with grant option, so that the account's own data
 * lake administrator can pass them on to its roles (AWS RAM shares them;
 * inside the organization the share needs no acceptance).
 */
function readOnlyGrants(access: DataAccess): LakeGrant[] {
  const database = {
    Database: { CatalogId: access.catalogId, Name: access.database },
  };
  return [
    { resource: database, permissions: ['DESCRIBE'] },
    ...tableGrants(access),
  ];
}

/** What a principal holds on a resource, and holds with grant option. */
export async function heldPermissions(
  client: LakeFormationClient,
  catalogId: string | undefined,
  principal: string,
  resource: Resource,
): Promise<{ held: Set<string>; grantable: Set<string> }> {
  const entries = await allPages(
    paginateListPermissions(
      { client },
      {
        ...(catalogId ? { CatalogId: catalogId } : {}),
        Principal: { DataLakePrincipalIdentifier: principal },
        Resource: resource,
      },
    ),
    page => page.PrincipalResourcePermissions,
  );
  const mine = entries.filter(
    e => e.Principal?.DataLakePrincipalIdentifier === principal,
  );
  return {
    held: new Set(mine.flatMap(p => p.Permissions ?? [])),
    grantable: new Set(mine.flatMap(p => p.PermissionsWithGrantOption ?? [])),
  };
}

/**
 * Brings one principal's grant to `wanted`, looking first so that a repeated
 * call changes nothing. A revoke retried after a lost answer meets AWS's
 * "No permissions revoked" and is taken as done once the permissions are
 * found gone. `withGrantOption` asks for the grant option too.
 */
export async function ensureLakeGrant(
  client: LakeFormationClient,
  options: {
    /** The catalog ListPermissions reads; the caller's own when absent. */
    catalogId?: string;
    principal: string;
    grant: LakeGrant;
    withGrantOption: boolean;
  },
  wanted: 'granted' | 'revoked',
): Promise<boolean> {
  const { catalogId, principal, grant, withGrantOption } = options;
  const look = () =>
    heldPermissions(client, catalogId, principal, grant.resource);
  const before = await look();
  const missing = (p: string) =>
    !before.held.has(p) || (withGrantOption && !before.grantable.has(p));
  const toChange = grant.permissions.filter(p =>
    wanted === 'granted' ? missing(p) : before.held.has(p),
  );
  if (toChange.length === 0) return false;
  const request = {
    ...(catalogId ? { CatalogId: catalogId } : {}),
    Principal: { DataLakePrincipalIdentifier: principal },
    Resource: grant.resource,
  };
  if (wanted === 'granted') {
    // Granting what is held is a no-op in Lake Formation: a retry is safe.
    await client.send(
      new GrantPermissionsCommand({
        ...request,
        Permissions: toChange,
        ...(withGrantOption ? { PermissionsWithGrantOption: toChange } : {}),
      }),
    );
    return true;
  }
  const grantable = toChange.filter(p => before.grantable.has(p));
  try {
    await client.send(
      new RevokePermissionsCommand({
        ...request,
        Permissions: toChange,
        ...(grantable.length ? { PermissionsWithGrantOption: grantable } : {}),
      }),
    );
  } catch (error) {
    const after = await look();
    if (
      !(error instanceof InvalidInputException) ||
      toChange.some(p => after.held.has(p))
    ) {
      throw error;
    }
  }
  return true;
}

async function ensureDataAccess(
  client: LakeFormationClient,
  access: DataAccess,
  wanted: 'granted' | 'revoked',
): Promise<boolean> {
  let changed = false;
  for (const grant of readOnlyGrants(access)) {
    const one = await ensureLakeGrant(
      client,
      {
        catalogId: access.catalogId,
        principal: access.accountId,
        grant,
        withGrantOption: true,
      },
      wanted,
    );
    changed ||= one;
  }
  return changed;
}

/**
 * Grants the account read-only access to the database, with grant option,
 * unless it holds it already. Call with the data lake account's client.
 *
 * @public
 */
export function ensureDataAccessGranted(
  client: LakeFormationClient,
  access: DataAccess,
): Promise<boolean> {
  return ensureDataAccess(client, access, 'granted');
}

/**
 * Revokes what ensureDataAccessGranted grants, where it is still held.
 *
 * @public
 */
export function ensureDataAccessRevoked(
  client: LakeFormationClient,
  access: DataAccess,
): Promise<boolean> {
  return ensureDataAccess(client, access, 'revoked');
}
