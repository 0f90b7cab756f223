/**
 * Every item of a paginated AWS list, from an SDK v3 paginator, e.g.
 * `allPages(paginateListPortfolios({ client }, {}), p => p.PortfolioDetails)`.
 *
 * @public
 */
export async function allPages<Page, Item>(
  pages: AsyncIterable<Page>,
  itemsOf: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  return items;
}
