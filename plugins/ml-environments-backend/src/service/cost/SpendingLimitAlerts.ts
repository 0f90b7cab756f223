import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { MlProjectRecord } from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  readBudgetSpend,
} from '@mlgov/plugin-ml-environments-node';
import { BudgetAlertStore } from '../../database/BudgetAlertStore';
import { ProjectStore } from '../../database/ProjectStore';
import { notifyGroups } from '../notifyGroups';
import { BUDGET_STAGE, budgetName } from './ProjectCostService';

/** The shares of the spending limit owners are told of, highest last. */
export const SPENDING_THRESHOLDS = [80, 100];

const money = (amount: number) => `${amount.toFixed(2)} USD`;

/**
 * Tells a sandbox's owner group when its month-to-date spend passes 80 %
 * and again 100 % of its spending limit (the budget AWS Budgets holds in the
 * sandbox account): once per threshold per month, whichever replica reads
 * it first, recorded before it is sent. A spend that jumps past both at
 * once is told once, as the higher.
 */
export class SpendingLimitAlerts {
  constructor(
    private readonly options: {
      store: Pick<ProjectStore, 'listProjects'>;
      alerts: BudgetAlertStore;
      clients: Pick<MlAwsClients, 'forAccount'>;
      notifications: NotificationService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** Reads every live sandbox budget once; answers the notices sent. */
  async check(): Promise<number> {
    const { store, logger } = this.options;
    let sent = 0;
    for (const record of await store.listProjects()) {
      if (record.retirement) continue;
      // Dry runs record made-up ids: only real accounts hold budgets.
      const account = record.accounts.find(
        a => a.stage === BUDGET_STAGE && /^\d{12}$/.test(a.accountId),
      );
      if (!account) continue;
      try {
        sent += await this.checkProject(record, account.accountId);
      } catch (error) {
        // One unreadable budget must not keep the others' owners uninformed.
        logger.warn(
          `Could not read the spending limit of ${record.project} in ${account.accountId}: ${error}`,
        );
      }
    }
    return sent;
  }

  private async checkProject(record: MlProjectRecord, accountId: string) {
    const { clients, alerts, notifications, logger } = this.options;
    const budget = await readBudgetSpend(
      (
        await clients.forAccount(accountId)
      ).budgets,
      accountId,
      budgetName(record.project),
    );
    if (!budget || budget.limit <= 0) return 0;
    const percent = (budget.actual / budget.limit) * 100;
    const now = this.options.now?.() ?? new Date();
    const month = now.toISOString().slice(0, 7);
    let told: number | undefined;
    for (const threshold of SPENDING_THRESHOLDS) {
      if (percent < threshold) break;
      const key = { project: record.project, month, threshold };
      if (await alerts.claim(key, now)) told = threshold;
    }
    if (told === undefined) return 0;
    const forecast =
      budget.forecast !== undefined
        ? `; forecast for the month ${money(budget.forecast)}`
        : '';
    await notifyGroups({ notifications, logger }, [record.owner], {
      project: record.project,
      title: `${record.project} has used ${
        told >= 100 ? 'all' : `${told} %`
      } of its spending limit`,
      description: `The sandbox account ${accountId} spent ${money(
        budget.actual,
      )} this month, ${Math.floor(percent)} % of its ${money(
        budget.limit,
      )} limit${forecast}. ${
        told >= 100
          ? 'Stop or delete what is running (endpoints, notebooks, training jobs), or ask the platform team to raise the limit.'
          : 'Check what is running before the limit is reached.'
      }`,
      topic: 'ml-environments-spending-limit',
      severity: told >= 100 ? 'high' : 'normal',
    });
    return 1;
  }
}
