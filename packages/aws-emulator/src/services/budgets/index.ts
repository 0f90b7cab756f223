import { AwsError } from '../../errors.ts';
import type { CallContext, Handlers } from '../../context.ts';
import { monthSpend, usd } from '../costexplorer/costs.ts';

function ownAccount({ caller }: CallContext, accountId: string | undefined) {
  if (!accountId || !/^\d{12}$/.test(accountId)) {
    throw new AwsError(
      'InvalidParameterException',
      'AccountId must be a 12-digit account id.',
    );
  }
  if (accountId !== caller.accountId) {
    throw new AwsError(
      'AccessDeniedException',
      `You cannot manage budgets of account ${accountId}.`,
    );
  }
}

/** The caller's budget named in the input, or NotFoundException. */
function budgetOf(ctx: CallContext, input: any) {
  ownAccount(ctx, input.AccountId);
  const record = ctx.state.budgets.get(
    `${input.AccountId}/${input.BudgetName}`,
  );
  if (!record) {
    throw new AwsError(
      'NotFoundException',
      `Budget ${input.BudgetName} not found.`,
    );
  }
  return record;
}

/** CostTypes' defaults, as the Budgets model documents them. */
const DEFAULT_COST_TYPES = {
  IncludeTax: true,
  IncludeSubscription: true,
  UseBlended: false,
  IncludeRefund: true,
  IncludeCredit: true,
  IncludeUpfront: true,
  IncludeRecurring: true,
  IncludeOtherSubscription: true,
  IncludeSupport: true,
  IncludeDiscount: true,
  UseAmortized: false,
};

/** The start of the budget's period around `now`, as AWS defaults it. */
function periodStart(timeUnit: string, now: Date) {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  switch (timeUnit) {
    case 'DAILY':
      return new Date(Date.UTC(year, month, now.getUTCDate()));
    case 'QUARTERLY':
      return new Date(Date.UTC(year, month - (month % 3), 1));
    case 'ANNUALLY':
      return new Date(Date.UTC(year, 0, 1));
    default:
      return new Date(Date.UTC(year, month, 1));
  }
}

/**
 * The budget as AWS stores it: the request with the defaults AWS fills in
 * (the period, cost types of a COST budget); its spend is read when asked.
 */
function storedBudget(budget: any, now: Date) {
  const unit = budget.BudgetLimit?.Unit ?? 'USD';
  return {
    ...budget,
    TimePeriod: {
      Start: budget.TimePeriod?.Start ?? periodStart(budget.TimeUnit, now),
      // AWS's documented default end: 15 June 2087.
      End: budget.TimePeriod?.End ?? new Date(Date.UTC(2087, 5, 15)),
    },
    ...(budget.BudgetType === 'COST'
      ? { CostTypes: { ...DEFAULT_COST_TYPES, ...budget.CostTypes } }
      : {}),
    CalculatedSpend: { ActualSpend: { Amount: '0', Unit: unit } },
    LastUpdatedTime: now,
  };
}

/**
 * A monthly COST budget with its account's spend this month, the same
 * figures Cost Explorer answers (services/costexplorer/costs.ts), and
 * Budgets' forecast; other budgets as stored.
 */
function withSpend(ctx: CallContext, record: any) {
  const { budget } = record;
  if (budget.BudgetType !== 'COST' || budget.TimeUnit !== 'MONTHLY') {
    return budget;
  }
  const unit = budget.BudgetLimit?.Unit ?? 'USD';
  const spend = monthSpend(ctx.state, record.accountId, new Date());
  return {
    ...budget,
    CalculatedSpend: {
      ActualSpend: { Amount: usd(spend.actualCents), Unit: unit },
      ForecastedSpend: { Amount: usd(spend.forecastCents), Unit: unit },
    },
  };
}

const DESCRIBE_BUDGETS_PAGE = 100;

/** The operations below that change state; every other one only reads. */
export const budgetsMutations: ReadonlySet<string> = new Set(['CreateBudget']);

export function budgetsHandlers(): Handlers {
  return {
    CreateBudget: (ctx, input) => {
      ownAccount(ctx, input.AccountId);
      const budget = input.Budget;
      if (!budget?.BudgetName || !budget.TimeUnit || !budget.BudgetType) {
        throw new AwsError(
          'InvalidParameterException',
          'Budget needs BudgetName, TimeUnit and BudgetType.',
        );
      }
      if (budget.BudgetType === 'COST' && !budget.BudgetLimit?.Amount) {
        throw new AwsError(
          'InvalidParameterException',
          'A COST budget needs a BudgetLimit.',
        );
      }
      const key = `${input.AccountId}/${budget.BudgetName}`;
      if (ctx.state.budgets.has(key)) {
        throw new AwsError(
          'DuplicateRecordException',
          `Budget ${budget.BudgetName} already exists.`,
        );
      }
      ctx.state.budgets.set(key, {
        accountId: input.AccountId,
        budget: storedBudget(budget, new Date()),
        notifications: input.NotificationsWithSubscribers ?? [],
      });
      return {};
    },

    DescribeBudget: (ctx, input) => {
      const record = budgetOf(ctx, input);
      return { Budget: withSpend(ctx, record) };
    },

    DescribeBudgets: (ctx, input) => {
      ownAccount(ctx, input.AccountId);
      const all = [...ctx.state.budgets.values()]
        .filter(r => r.accountId === input.AccountId)
        .map(r => withSpend(ctx, r))
        .sort((a: any, b: any) => a.BudgetName.localeCompare(b.BudgetName));
      const start = input.NextToken ? Number(input.NextToken) : 0;
      if (!Number.isInteger(start) || start < 0 || start > all.length) {
        throw new AwsError(
          'InvalidNextTokenException',
          'The NextToken is not valid.',
        );
      }
      const end = start + (input.MaxResults ?? DESCRIBE_BUDGETS_PAGE);
      return {
        Budgets: all.slice(start, end),
        ...(end < all.length ? { NextToken: String(end) } : {}),
      };
    },

    DescribeNotificationsForBudget: (ctx, input) => {
      const record = budgetOf(ctx, input);
      return {
        Notifications: record.notifications.map((n: any) => n.Notification),
      };
    },
  };
}
