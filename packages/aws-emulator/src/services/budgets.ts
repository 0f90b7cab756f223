import { AwsError } from '../errors.ts';
import type { CallContext, Handlers } from '../context.ts';

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
        budget,
        notifications: input.NotificationsWithSubscribers ?? [],
      });
      return {};
    },

    DescribeBudget: (ctx, input) => {
      const record = budgetOf(ctx, input);
      return { Budget: record.budget };
    },

    DescribeNotificationsForBudget: (ctx, input) => {
      const record = budgetOf(ctx, input);
      return {
        Notifications: record.notifications.map((n: any) => n.Notification),
      };
    },
  };
}
