/** What is appended to a database's name to name its resource link. @public */
export const RESOURCE_LINK_SUFFIX = '_link';

/**
 * The resource link's name in a project account's Glue Data Catalog, the
 * name a notebook queries: the data lake's `sales` is read as `sales_link`
 * (in Athena, `"sales_link"."<table>"`). Glue names are at most 255
 * characters.
 *
 * @public
 */
export function resourceLinkName(database: string): string {
  const name = `${database}${RESOURCE_LINK_SUFFIX}`;
  if (name.length > 255) {
    throw new Error(
      `Database ${database} is too long for a resource link (${name} has ${name.length} characters; Glue takes 255)`,
    );
  }
  return name;
}

/**
 * A short notebook snippet that reads a table of a granted database through
 * its resource link, with awswrangler (Athena), as the data-access card and
 * the onboarding guide show it.
 *
 * @public
 */
export function dataAccessSnippet(database: string, table = '<table>'): string {
  const link = resourceLinkName(database);
  return [
    'import awswrangler as wr',
    '',
    `df = wr.athena.read_sql_query(`,
    `    'SELECT * FROM "${link}"."${table}" LIMIT 10',`,
    `    database="${link}",`,
    ')',
  ].join('\n');
}
