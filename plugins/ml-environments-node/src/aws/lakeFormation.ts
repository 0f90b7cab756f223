import {
  GrantPermissionsCommand,
  LakeFormationClient,
  Permission,
  Resource,
  RevokePermissionsCommand,
  paginateListPermissions,
} from '@aws-sdk/client-lakeformation';
import { allPages } from '../pages';

/** One database of the data lake's catalog, read by one account. @public */
export interface DataAccess {
  /** The data lake account, whose Glue Data Catalog holds the database. */
  catalogId: string;
  database: string;
  /** The project account that reads it. */
  accountId: string;
}

/**
 * Read-only access as Lake Formation's cross-account sharing gives it:
 * DESCRIBE on the database and SELECT, DESCRIBE on all its tables, granted
 * to the consumer account (AWS RAM shares them; inside the organization the
 * share needs no acceptance).
 */
function readOnlyGrants(
  access: DataAccess,
): Array<{ resource: Resource; permissions: Permission[] }> {
  return [
    {
      resource: {
        Database: { CatalogId: access.catalogId, Name: access.database },
      },
      permissions: ['DESCRIBE'],
    },
    {
      resource: {
        Table: {
          CatalogId: access.catalogId,
          DatabaseName: access.database,
          TableWildcard: {},
        },
      },
      permissions: ['SELECT', 'DESCRIBE'],
    },
  ];
}

async function heldPermissions(
  client: LakeFormationClient,
  access: DataAccess,
  resource: Resource,
): Promise<Set<string>> {
  const held = await allPages(
    paginateListPermissions(
      { client },
      {
        CatalogId: access.catalogId,
        Principal: { DataLakePrincipalIdentifier: access.accountId },
        Resource: resource,
      },
    ),
    page => page.PrincipalResourcePermissions,
  );
  return new Set(held.flatMap(p => p.Permissions ?? []));
}

/**
 * Grants the account read-only access to the database unless it holds it
 * already (looked up first, so a retried or repeated call grants nothing
 * twice). Call with the data lake account's client.
 *
 * @public
 */
export async function ensureDataAccessGranted(
  client: LakeFormationClient,
  access: DataAccess,
): Promise<boolean> {
  let granted = false;
  for (const { resource, permissions } of readOnlyGrants(access)) {
    const held = await heldPermissions(client, access, resource);
    const missing = permissions.filter(p => !held.has(p));
    if (missing.length === 0) continue;
    await client.send(
      new GrantPermissionsCommand({
        CatalogId: access.catalogId,
        Principal: { DataLakePrincipalIdentifier: access.accountId },
        Resource: resource,
        Permissions: missing,
      }),
    );
    granted = true;
  }
  return granted;
}

/**
 * Revokes what ensureDataAccessGranted grants, where it is still held.
 *
 * @public
 */
export async function ensureDataAccessRevoked(
  client: LakeFormationClient,
  access: DataAccess,
): Promise<boolean> {
  let revoked = false;
  for (const { resource, permissions } of readOnlyGrants(access)) {
    const held = await heldPermissions(client, access, resource);
    const present = permissions.filter(p => held.has(p));
    if (present.length === 0) continue;
    await client.send(
      new RevokePermissionsCommand({
        CatalogId: access.catalogId,
        Principal: { DataLakePrincipalIdentifier: access.accountId },
        Resource: resource,
        Permissions: present,
      }),
    );
    revoked = true;
  }
  return revoked;
}
