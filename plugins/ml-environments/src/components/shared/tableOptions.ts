const PAGE_SIZE = 20;

/**
 * Options every table of the plugin shares. Columns are not draggable: the
 * drag handle is a focusable element inside each header's sort button, which
 * screen readers and keyboards cannot use (axe-core's nested-interactive).
 */
export const TABLE_OPTIONS = { draggable: false } as const;

/**
 * Table options that page only when there is more than one page, without
 * filler rows, so long lists (1,000+ accounts) render one page at a time.
 */
export function tableOptions(rowCount: number) {
  return {
    ...TABLE_OPTIONS,
    paging: rowCount > PAGE_SIZE,
    pageSize: PAGE_SIZE,
    pageSizeOptions: [PAGE_SIZE, 50, 100],
    emptyRowsWhenPaging: false,
  };
}
