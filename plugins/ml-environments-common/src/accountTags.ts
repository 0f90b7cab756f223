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

/**
 * The one tag scheme: every resource the suite makes in a project's account
 * (products, Studio profiles) carries its account's tags under these keys,
 * and the cost-tag guardrail requires some of them (`costTagKeys`).
 * @public
 */
export const RESOURCE_TAG_KEYS: readonly string[] = [
  ACCOUNT_TAGS.project,
  ACCOUNT_TAGS.pattern,
  ACCOUNT_TAGS.stage,
  ACCOUNT_TAGS.costCenter,
  ACCOUNT_TAGS.owner,
];

/** The tags a resource made in an account carries: the account's own. @public */
export function resourceTagsOf(
  accountTags: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    RESOURCE_TAG_KEYS.filter(key => accountTags[key] !== undefined).map(key => [
      key,
      accountTags[key],
    ]),
  );
}
