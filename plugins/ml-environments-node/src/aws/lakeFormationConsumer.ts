/**
 * The project account's side of a cross-account data grant: the suite as
 * the account's data lake administrator and the grants that reach the
 * roles running notebooks through the resource link (Lake Formation
 * developer guide: "How resource links work", "Granting resource link
 * permissions").
 */
import { GlueClient } from '@aws-sdk/client-glue';
import {
  GetDataLakeSettingsCommand,
  LakeFormationClient,
  PutDataLakeSettingsCommand,
  paginateListPermissions,
} from '@aws-sdk/client-lakeformation';
import { resourceLinkName } from '@mlgov/plugin-ml-environments-common';
import { allPages } from '../pages';
import {
  DataAccess,
  LakeGrant,
  ensureLakeGrant,
  heldPermissions,
  tableGrants,
} from './lakeFormation';
import {
  deleteResourceLink,
  ensureResourceLink,
  findDatabase,
  linksTo,
  notALink,
} from './resourceLinks';

/**
 * Makes `adminArn` one of the account's data lake administrators, keeping
 * the others and every other setting (PutDataLakeSettings replaces them
 * all). Looks first: a repeated call changes nothing. Returns whether it
 * changed anything.
 *
 * @public
 */
export async function ensureDataLakeAdmin(
  client: LakeFormationClient,
  adminArn: string,
): Promise<boolean> {
  const { DataLakeSettings: settings = {} } = await client.send(
    new GetDataLakeSettingsCommand({}),
  );
  const admins = settings.DataLakeAdmins ?? [];
  if (admins.some(a => a.DataLakePrincipalIdentifier === adminArn)) {
    return false;
  }
  await client.send(
    new PutDataLakeSettingsCommand({
      DataLakeSettings: {
        ...settings,
        DataLakeAdmins: [...admins, { DataLakePrincipalIdentifier: adminArn }],
      },
    }),
  );
  return true;
}

/** Clients in the project account, acting as its data lake administrator. @public */
export type ConsumerClients = {
  accountId: string;
  lakeFormation: LakeFormationClient;
  glue: GlueClient;
};

/** The grants a project role needs to query through the link. */
export function roleGrants(access: DataAccess): LakeGrant[] {
  const link = {
    Database: {
      CatalogId: access.accountId,
      Name: resourceLinkName(access.database),
    },
  };
  return [
    { resource: link, permissions: ['DESCRIBE'] },
    ...tableGrants(access),
  ];
}

/** A role ARN of the account, as a Lake Formation principal must be. */
function isRoleOf(accountId: string, arn: string) {
  return new RegExp(`^arn:aws[\\w-]*:iam::${accountId}:role/.+`).test(arn);
}

/**
 * In the project account: the resource link, DESCRIBE on it and SELECT,
 * DESCRIBE on the target's tables for each role (the Studio execution
 * roles), as the account's administrator re-grants what the data lake
 * granted it with grant option. Idempotent: each step looks first.
 *
 * @public
 */
export async function ensureConsumerAccessGranted(
  clients: ConsumerClients,
  access: DataAccess,
  roleArns: string[],
): Promise<{ link: string; changed: boolean }> {
  const foreign = roleArns.filter(r => !isRoleOf(access.accountId, r));
  if (foreign.length > 0) {
    throw new Error(
      `Lake Formation in ${
        access.accountId
      } grants only to its own roles, not ${foreign.join(', ')}`,
    );
  }
  const link = await ensureResourceLink(clients.glue, access);
  let changed = link.created;
  for (const principal of new Set(roleArns)) {
    for (const grant of roleGrants(access)) {
      const one = await ensureLakeGrant(
        clients.lakeFormation,
        { principal, grant, withGrantOption: false },
        'granted',
      );
      changed ||= one;
    }
  }
  return { link: link.name, changed };
}

/**
 * `fallback` when Lake Formation refuses to show the data lake's resource
 * because the account no longer receives it: then no role of the account
 * holds anything on it either (a producer's revoke takes the re-grants
 * with it).
 */
async function unlessUnshared<T>(read: Promise<T>, fallback: T): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if ((error as Error).name === 'AccessDeniedException') return fallback;
    throw error;
  }
}

/** The account's roles holding anything on the grant's resources. */
async function holders(
  clients: ConsumerClients,
  access: DataAccess,
  linkExists: boolean,
) {
  const found = new Set<string>();
  for (const grant of roleGrants(access)) {
    // Lake Formation knows no grants on a link that is not there.
    if (!linkExists && grant.resource.Database) continue;
    const entries = await unlessUnshared(
      allPages(
        paginateListPermissions(
          { client: clients.lakeFormation },
          { Resource: grant.resource },
        ),
        page => page.PrincipalResourcePermissions,
      ),
      [],
    );
    for (const e of entries) {
      const principal = e.Principal?.DataLakePrincipalIdentifier;
      if (principal && isRoleOf(access.accountId, principal)) {
        found.add(principal);
      }
    }
  }
  return [...found].sort();
}

/**
 * Undoes ensureConsumerAccessGranted: every role of the account loses its
 * grants on the link and the target's tables (whoever granted them: the
 * account loses the data anyway), then the link goes (deleting a link
 * leaves its target untouched). Returns whether anything changed.
 *
 * @public
 */
export async function ensureConsumerAccessRevoked(
  clients: ConsumerClients,
  access: DataAccess,
): Promise<boolean> {
  const name = resourceLinkName(access.database);
  const found = await findDatabase(clients.glue, access.accountId, name);
  if (found && !linksTo(found, access)) throw notALink(access, found);
  let changed = false;
  for (const principal of await holders(clients, access, Boolean(found))) {
    for (const grant of roleGrants(access)) {
      if (!found && grant.resource.Database) continue;
      const one = await ensureLakeGrant(
        clients.lakeFormation,
        { principal, grant, withGrantOption: false },
        'revoked',
      );
      changed ||= one;
    }
  }
  if (found) {
    await deleteResourceLink(clients.glue, access);
    changed = true;
  }
  return changed;
}

/** What the project account holds of an active grant, for the status. @public */
export interface ConsumerAccessState {
  link: string;
  /** Whether the link is there and points at the granted database. */
  linkOk: boolean;
  /** Roles that hold the link's DESCRIBE and the tables' SELECT. */
  rolesGranted: string[];
  /** Roles that should and do not. */
  rolesMissing: string[];
}

/**
 * Reads, without changing anything, whether the link and each role's
 * grants are there.
 *
 * @public
 */
export async function readConsumerAccess(
  clients: ConsumerClients,
  access: DataAccess,
  roleArns: string[],
): Promise<ConsumerAccessState> {
  const link = resourceLinkName(access.database);
  const found = await findDatabase(clients.glue, access.accountId, link);
  const linkOk = Boolean(found && linksTo(found, access));
  const rolesGranted: string[] = [];
  const rolesMissing: string[] = [];
  for (const principal of [...new Set(roleArns)].sort()) {
    let complete = linkOk;
    for (const grant of roleGrants(access)) {
      if (!complete) break;
      if (grant.resource.Database && !linkOk) continue;
      const { held } = await unlessUnshared(
        heldPermissions(
          clients.lakeFormation,
          undefined,
          principal,
          grant.resource,
        ),
        { held: new Set<string>(), grantable: new Set<string>() },
      );
      complete = grant.permissions.every(p => held.has(p));
    }
    (complete ? rolesGranted : rolesMissing).push(principal);
  }
  return { link, linkOk, rolesGranted, rolesMissing };
}
