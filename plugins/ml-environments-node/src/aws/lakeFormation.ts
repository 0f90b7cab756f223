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
 * Brings the account's read-only access to the database to `wanted`: grants
 * what is missing or revokes what is held, looking first so that a repeated
 * call changes nothing. A revoke retried after a lost answer meets AWS's
 * "No permissions revoked" and is taken as done once the permissions are
 * found gone. Returns whether anything changed. Call with the data lake
 * account's client.
 */
async function ensureDataAccess(
  client: LakeFormationClient,
  access: DataAccess,
  wanted: 'granted' | 'revoked',
): Promise<boolean> {
  let changed = false;
  for (const { resource, permissions } of readOnlyGrants(access)) {
    const held = await heldPermissions(client, access, resource);
    const toChange = permissions.filter(p =>
      wanted === 'granted' ? !held.has(p) : held.has(p),
    );
    if (toChange.length === 0) continue;
    const request = {
      CatalogId: access.catalogId,
      Principal: { DataLakePrincipalIdentifier: access.accountId },
      Resource: resource,
      Permissions: toChange,
    };
    if (wanted === 'granted') {
      // Granting what is held is a no-op in Lake Formation: a retry is safe.
      await client.send(new GrantPermissionsCommand(request));
    } else {
      try {
        await client.send(new RevokePermissionsCommand(request));
      } catch (error) {
        const stillHeld = await heldPermissions(client, access, resource);
        if (
          !(error instanceof InvalidInputException) ||
          toChange.some(p => stillHeld.has(p))
        ) {
          throw error;
        }
      }
    }
    changed = true;
  }
  return changed;
}

/**
 * Grants the account read-only access to the database unless it holds it
 * already.
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
