import { GlueClient, paginateGetTables } from '@aws-sdk/client-glue';
import {
  GetResourceLFTagsCommand,
  LakeFormationClient,
  LFTagPair,
} from '@aws-sdk/client-lakeformation';
import type {
  DatasetClassification,
  LfTags,
} from '@mlgov/plugin-ml-environments-common';
import { allPages } from '../pages';

const tagsOf = (pairs: LFTagPair[] | undefined): LfTags =>
  Object.fromEntries(
    (pairs ?? [])
      .filter(p => p.TagKey && p.TagValues?.length)
      .map(p => [p.TagKey!, p.TagValues![0]]),
  );

/**
 * A data-lake database's LF-tags as the data owners set them: the
 * database's, each table's and each column's (effective: inherited where a
 * column or table has none of its own), for redactionFor to decide what a
 * dev account may not read. Call with the data lake account's clients.
 *
 * @public
 */
export async function readDatasetClassification(
  clients: { glue: GlueClient; lakeFormation: LakeFormationClient },
  catalogId: string,
  database: string,
): Promise<DatasetClassification> {
  const tables = await allPages(
    paginateGetTables(
      { client: clients.glue, pageSize: 100 },
      { CatalogId: catalogId, DatabaseName: database },
    ),
    page => page.TableList,
  );
  let databaseTags: LfTags = {};
  const classified = [];
  for (const table of tables) {
    const tags = await clients.lakeFormation.send(
      new GetResourceLFTagsCommand({
        CatalogId: catalogId,
        Resource: {
          Table: {
            CatalogId: catalogId,
            DatabaseName: database,
            Name: table.Name!,
          },
        },
      }),
    );
    databaseTags = tagsOf(tags.LFTagOnDatabase);
    const tableTags = tagsOf(tags.LFTagsOnTable);
    const columnTags = new Map(
      (tags.LFTagsOnColumns ?? []).map(c => [c.Name, tagsOf(c.LFTags)]),
    );
    classified.push({
      name: table.Name!,
      tags: tableTags,
      columns: (table.StorageDescriptor?.Columns ?? []).map(c => ({
        name: c.Name!,
        tags: columnTags.get(c.Name) ?? tableTags,
      })),
    });
  }
  if (tables.length === 0) {
    const tags = await clients.lakeFormation.send(
      new GetResourceLFTagsCommand({
        CatalogId: catalogId,
        Resource: { Database: { CatalogId: catalogId, Name: database } },
      }),
    );
    databaseTags = tagsOf(tags.LFTagOnDatabase);
  }
  return { database, tags: databaseTags, tables: classified };
}
