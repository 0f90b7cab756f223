import { AccountStage } from '@mlgov/plugin-ml-environments-common';
import {
  DRY_RUN_ID,
  ensureDataLakeAdmin,
  throwIfAborted,
} from '@mlgov/plugin-ml-environments-node';
import { AccountIds, PhaseContext, settleAll } from './context';

/**
 * Accounts where data grants land as a matter of course (the dev pattern's
 * and the MLOps pattern's dev account): the suite is their data lake
 * administrator from the start. A grant to another stage's account makes
 * the suite its administrator when it is applied.
 */
export const DATA_ACCOUNT_STAGES: readonly AccountStage[] = ['dev'];

/**
 * The data lake phase: in each data account, the suite's member role
 * becomes a Lake Formation data lake administrator (the others kept), so
 * that it can make resource links and pass the data lake's grants on to
 * the project's Studio roles. Waits until the account is governed, as the
 * products do; looks first, so a re-run changes nothing.
 */
export async function dataLakePhase(
  { plan, deps, step }: PhaseContext,
  accountIds: AccountIds,
  governed: (ouPath: string) => Promise<unknown>,
): Promise<Array<{ accountId: string; admin: string }>> {
  const accounts = plan.accounts.filter(a =>
    DATA_ACCOUNT_STAGES.includes(a.stage),
  );
  return settleAll(
    accounts.map(async account => {
      const accountId = accountIds.get(account.stage)!;
      if (accountId === DRY_RUN_ID) {
        step.logger.info(
          `Dry run: would make the suite's role a data lake administrator of the new ${account.stage} account`,
        );
        return { accountId, admin: '' };
      }
      await governed(account.ouPath);
      throwIfAborted(step, 'setting data lake administrators');
      const member = await deps.clients.forAccount(accountId);
      if (step.isDryRun) {
        step.logger.info(
          `Dry run: would make ${member.roleArn} a data lake administrator of ${accountId} unless it is one`,
        );
        return { accountId, admin: member.roleArn };
      }
      const changed = await ensureDataLakeAdmin(
        member.lakeFormation,
        member.roleArn,
      );
      step.logger.info(
        `${member.roleArn} ${
          changed ? 'is now' : 'is already'
        } a data lake administrator of ${account.stage} account ${accountId}`,
      );
      return { accountId, admin: member.roleArn };
    }),
  );
}
