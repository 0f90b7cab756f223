import {
  CostExplorerClient,
  Expression,
  GetCostAndUsageCommand,
  GetCostAndUsageCommandOutput,
  GroupDefinition,
} from '@aws-sdk/client-cost-explorer';

/**
 * This month's cost until today (UTC) in groups: the month-to-date amount
 * per group key (an account id, or a tag's value, '' for untagged cost).
 *
 * @public
 */
export interface MonthToDateGroups {
  currency: string;
  amounts: Map<string, number>;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const cents = (amount: number) => Math.round(amount * 100) / 100;

/** One MONTHLY GetCostAndUsage of the month so far in one grouping, all pages. */
async function monthToDateGroups(
  client: CostExplorerClient,
  groupBy: GroupDefinition,
  filter: Expression | undefined,
  now: Date,
): Promise<MonthToDateGroups> {
  const amounts = new Map<string, number>();
  let currency = 'USD';
  let token: string | undefined;
  do {
    const page: GetCostAndUsageCommandOutput = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: {
          Start: `${day(now).slice(0, 8)}01`,
          // End is exclusive: tomorrow, so today's estimate is included.
          End: day(new Date(now.getTime() + 86_400_000)),
        },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        GroupBy: [groupBy],
        Filter: filter,
        NextPageToken: token,
      }),
    );
    for (const result of page.ResultsByTime ?? []) {
      for (const group of result.Groups ?? []) {
        const raw = group.Keys?.[0] ?? '';
        // A tag's groups are keyed `key$value` (`key$` untagged).
        const key =
          groupBy.Type === 'TAG' ? raw.slice(raw.indexOf('$') + 1) : raw;
        const cost = group.Metrics?.UnblendedCost;
        currency = cost?.Unit ?? currency;
        amounts.set(key, (amounts.get(key) ?? 0) + Number(cost?.Amount ?? 0));
      }
    }
    token = page.NextPageToken;
  } while (token);
  for (const [key, amount] of amounts) amounts.set(key, cents(amount));
  return { currency, amounts };
}

/**
 * Every account's month-to-date cost in one request grouped by linked
 * account, as the management account sees the organization: what an
 * overview of all projects reads instead of one request per project
 * (Cost Explorer bills each request and limits their rate).
 *
 * @public
 */
export async function readMonthToDateCostByAccount(
  client: CostExplorerClient,
  now: Date,
): Promise<MonthToDateGroups> {
  return monthToDateGroups(
    client,
    { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
    undefined,
    now,
  );
}

/**
 * The month-to-date cost in accounts that several projects share, by the
 * value of a cost allocation tag (ml-project, cost-center) on what incurred
 * it; '' holds the untagged cost. Only `tagValues`, when given.
 *
 * @public
 */
export async function readMonthToDateCostByTag(
  client: CostExplorerClient,
  options: { accountIds: string[]; tagKey: string; tagValues?: string[] },
  now: Date,
): Promise<MonthToDateGroups> {
  const { accountIds, tagKey, tagValues } = options;
  if (accountIds.length === 0) return { currency: 'USD', amounts: new Map() };
  const accounts: Expression = {
    Dimensions: { Key: 'LINKED_ACCOUNT', Values: accountIds },
  };
  return monthToDateGroups(
    client,
    { Type: 'TAG', Key: tagKey },
    tagValues
      ? {
          And: [
            accounts,
            {
              Tags: {
                Key: tagKey,
                Values: tagValues,
                MatchOptions: ['EQUALS'],
              },
            },
          ],
        }
      : accounts,
    now,
  );
}
