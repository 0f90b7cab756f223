const PAGE_SIZE = 20;

/**
 * Table options that page only when there is more than one page, without
 * filler rows, so long lists (1,000+ accounts) render one page at a time.
 */
export function pagingFor(rowCount: number) {
  return {
    paging: rowCount > PAGE_SIZE,
    pageSize: PAGE_SIZE,
    pageSizeOptions: [PAGE_SIZE, 50, 100],
    emptyRowsWhenPaging: false,
  };
}
