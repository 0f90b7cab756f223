/** Tags written on every account, which tie it to its project. @public */
export const ACCOUNT_TAGS = {
  project: 'ml-project',
  pattern: 'ml-pattern',
  stage: 'ml-stage',
  costCenter: 'cost-center',
  owner: 'owner',
  /** Set when the project retires: the day its accounts were suspended. */
  closingDate: 'ml-closing-date',
} as const;
