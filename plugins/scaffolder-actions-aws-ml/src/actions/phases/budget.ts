import { DRY_RUN_ID, ensureBudget } from '@mlgov/plugin-ml-environments-node';
import { AccountIds, PhaseContext } from './context';

/** The budget phase: the sandbox's monthly spending limit with its alert. */
export async function budgetPhase(
  { plan, deps, step }: PhaseContext,
  accountIds: AccountIds,
): Promise<void> {
  if (plan.budget) {
    const accountId = accountIds.get(plan.budget.stage)!;
    if (accountId === DRY_RUN_ID) {
      step.logger.info(
        `Dry run: would create budget ${plan.budget.name} in the new account`,
      );
    } else {
      const { budgets } = await deps.clients.forAccount(accountId);
      await ensureBudget(
        budgets,
        {
          accountId,
          name: plan.budget.name,
          limitUsd: plan.budget.limitUsd,
          alertEmail: plan.budget.alertEmail,
          thresholdPercent: 80,
        },
        step,
      );
    }
  }
}
