import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import {
  BudgetsClient,
  DescribeBudgetCommand,
  NotFoundException,
} from '@aws-sdk/client-budgets';

/**
 * What a set of linked accounts spent this month until today (UTC), from
 * Cost Explorer's unblended cost.
 *
 * @public
 */
export interface MonthToDateCost {
  currency: string;
  total: number;
  byAccount: Array<{ accountId: string; amount: number }>;
  /** One entry per day of the month so far, today included. */
  daily: Array<{ date: string; amount: number }>;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const cents = (amount: number) => Math.round(amount * 100) / 100;

/**
 * The month-to-date cost of the accounts, per account and per day: one
 * DAILY GetCostAndUsage grouped by linked account (and its pages), called
 * with the management account's Cost Explorer, which sees every account.
 *
 * @public
 */
export async function readMonthToDateCost(
  client: CostExplorerClient,
  accountIds: string[],
  now: Date,
): Promise<MonthToDateCost> {
  const start = `${day(now).slice(0, 8)}01`;
  // End is exclusive: tomorrow, so today's estimate is included.
  const end = day(new Date(now.getTime() + 86_400_000));
  const byAccount = new Map(accountIds.map(id => [id, 0]));
  const daily = new Map<string, number>();
  let currency = 'USD';
  let token: string | undefined;
  do {
    if (accountIds.length === 0) break;
    const page: GetCostAndUsageCommandOutput = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: start, End: end },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
        Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: accountIds } },
        NextPageToken: token,
      }),
    );
    for (const result of page.ResultsByTime ?? []) {
      const date = result.TimePeriod?.Start ?? start;
      daily.set(date, daily.get(date) ?? 0);
      for (const group of result.Groups ?? []) {
        const accountId = group.Keys?.[0] ?? '';
        const cost = group.Metrics?.UnblendedCost;
        const amount = Number(cost?.Amount ?? 0);
        currency = cost?.Unit ?? currency;
        daily.set(date, daily.get(date)! + amount);
        if (byAccount.has(accountId)) {
          byAccount.set(accountId, byAccount.get(accountId)! + amount);
        }
      }
    }
    token = page.NextPageToken;
  } while (token);
  const accounts = [...byAccount].map(([accountId, amount]) => ({
    accountId,
    amount: cents(amount),
  }));
  return {
    currency,
    total: cents(accounts.reduce((sum, a) => sum + a.amount, 0)),
    byAccount: accounts,
    daily: [...daily]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, amount]) => ({ date, amount: cents(amount) })),
  };
}

/**
 * A monthly budget's limit, spend and Budgets' forecast, or undefined when
 * the account holds no budget of that name.
 *
 * @public
 */
export async function readBudgetSpend(
  client: BudgetsClient,
  accountId: string,
  budgetName: string,
): Promise<{ limit: number; actual: number; forecast?: number } | undefined> {
  try {
    const { Budget } = await client.send(
      new DescribeBudgetCommand({
        AccountId: accountId,
        BudgetName: budgetName,
      }),
    );
    const spend = Budget?.CalculatedSpend;
    return {
      limit: Number(Budget?.BudgetLimit?.Amount ?? 0),
      actual: Number(spend?.ActualSpend?.Amount ?? 0),
      forecast: spend?.ForecastedSpend
        ? Number(spend.ForecastedSpend.Amount)
        : undefined,
    };
  } catch (error) {
    if (error instanceof NotFoundException) return undefined;
    throw error;
  }
}
