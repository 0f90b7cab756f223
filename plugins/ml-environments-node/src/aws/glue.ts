import { GlueClient, paginateGetDatabases } from '@aws-sdk/client-glue';
import { allPages } from '../pages';

/** A database of the data lake's Glue Data Catalog. @public */
export interface DataLakeDatabase {
  /** As Lake Formation grants it, e.g. `sales`. */
  name: string;
  /** As the data owners wrote it in the catalog; absent when they wrote none. */
  description?: string;
}

/**
 * Every database of the data lake's Data Catalog, by name, with its
 * description: what a project may ask to read. Call with the data lake
 * account's Glue client (its own catalog, which it reads whole).
 *
 * @public
 */
export async function listDataLakeDatabases(
  client: GlueClient,
  catalogId: string,
): Promise<DataLakeDatabase[]> {
  const databases = await allPages(
    // 100 is the most GetDatabases returns a page.
    paginateGetDatabases({ client, pageSize: 100 }, { CatalogId: catalogId }),
    page => page.DatabaseList,
  );
  return databases
    .map(d => ({
      name: d.Name!,
      ...(d.Description ? { description: d.Description } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
