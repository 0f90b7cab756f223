/** Glue resource links in a project account's Data Catalog. */
import {
  AlreadyExistsException,
  CreateDatabaseCommand,
  Database,
  DeleteDatabaseCommand,
  EntityNotFoundException,
  GetDatabaseCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { resourceLinkName } from '@mlgov/plugin-ml-environments-common';
import { DataAccess } from './lakeFormation';

export async function findDatabase(
  glue: GlueClient,
  catalogId: string,
  name: string,
) {
  try {
    const { Database: found } = await glue.send(
      new GetDatabaseCommand({ CatalogId: catalogId, Name: name }),
    );
    return found;
  } catch (error) {
    if (error instanceof EntityNotFoundException) return undefined;
    throw error;
  }
}

export function linksTo(found: Database, access: DataAccess) {
  return (
    found.TargetDatabase?.CatalogId === access.catalogId &&
    found.TargetDatabase?.DatabaseName === access.database
  );
}

export function notALink(access: DataAccess, found: Database) {
  const target = found.TargetDatabase;
  return new Error(
    `Account ${access.accountId} has a database ${
      found.Name
    } that is not the resource link to ${access.catalogId}'s ${
      access.database
    } (${
      target
        ? `it links to ${target.CatalogId}'s ${target.DatabaseName}`
        : 'it is a database of its own'
    }); rename or delete it in Glue, then apply the grant again`,
  );
}

/**
 * Refuses when the link's name is taken by anything but the link to the
 * granted database; changes nothing.
 */
export async function checkResourceLinkName(
  glue: GlueClient,
  access: DataAccess,
): Promise<void> {
  const name = resourceLinkName(access.database);
  const found = await findDatabase(glue, access.accountId, name);
  if (found && !linksTo(found, access)) throw notALink(access, found);
}

/**
 * The resource link to the granted database in the project account's
 * catalog: found, or made; a link made by an answer that was lost is
 * adopted, and a name taken by anything else is an error, never a
 * second link. Returns the link's name and whether it was made.
 *
 * @public
 */
export async function ensureResourceLink(
  glue: GlueClient,
  access: DataAccess,
): Promise<{ name: string; created: boolean }> {
  const name = resourceLinkName(access.database);
  const found = await findDatabase(glue, access.accountId, name);
  if (found) {
    if (!linksTo(found, access)) throw notALink(access, found);
    return { name, created: false };
  }
  try {
    await glue.send(
      new CreateDatabaseCommand({
        CatalogId: access.accountId,
        DatabaseInput: {
          Name: name,
          Description: `Resource link to ${access.database} of the data lake (${access.catalogId}), made by the ML environments suite`,
          TargetDatabase: {
            CatalogId: access.catalogId,
            DatabaseName: access.database,
          },
        },
      }),
    );
    return { name, created: true };
  } catch (error) {
    if (!(error instanceof AlreadyExistsException)) throw error;
    const made = await findDatabase(glue, access.accountId, name);
    if (!made || !linksTo(made, access))
      throw made ? notALink(access, made) : error;
    return { name, created: false };
  }
}

/**
 * Deletes the link (only the link: its target stays); gone already is done.
 *
 * @public
 */
export async function deleteResourceLink(
  glue: GlueClient,
  access: DataAccess,
): Promise<void> {
  try {
    await glue.send(
      new DeleteDatabaseCommand({
        CatalogId: access.accountId,
        Name: resourceLinkName(access.database),
      }),
    );
  } catch (error) {
    // Gone already: a delete whose answer was lost.
    if (!(error instanceof EntityNotFoundException)) throw error;
  }
}
