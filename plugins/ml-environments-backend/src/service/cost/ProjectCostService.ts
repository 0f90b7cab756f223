import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  ProjectCost,
  mlProjectReadPermission,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  readBudgetSpend,
  readMonthToDateCost,
} from '@mlgov/plugin-ml-environments-node';
import { ProjectAccess } from '../projects/ProjectAccess';
import { ProjectRecords } from '../projects/ProjectRecords';

/** The stage whose account holds the project's budget (patterns.ts' budgetStage). */
export const BUDGET_STAGE = 'sandbox';

/** The budget's name, as planProject gives it. */
export const budgetName = (project: string) => `${project}-spending-limit`;

/**
 * What a project spends: its recorded accounts' month-to-date cost from
 * Cost Explorer (as the management account) and its sandbox budget from
 * Budgets in the account that holds it. Only the owner group's members and
 * administrators see it, and only where the policy allows reading the
 * project; the accounts are the record's, never found by tags.
 */
export class ProjectCostService {
  constructor(
    private readonly options: {
      access: ProjectAccess;
      records: Pick<ProjectRecords, 'recordOrNotFound'>;
      /** mlEnvironments.permissions.adminGroups: they see every project's cost. */
      adminGroups: string[];
      clients: Pick<MlAwsClients, 'costExplorer' | 'forAccount'>;
      now?: () => Date;
    },
  ) {}

  async cost(
    credentials: BackstageCredentials,
    project: string,
  ): Promise<ProjectCost> {
    const { access, records, adminGroups, clients } = this.options;
    const actor = await access.userOf(credentials);
    const record = await records.recordOrNotFound(project);
    const member = [record.owner, ...adminGroups].some(group =>
      actor.ownership.includes(group),
    );
    if (
      !member ||
      !(await access.allowedOn(credentials, mlProjectReadPermission, record))
    ) {
      throw new NotAllowedError(
        `Only members of ${record.owner}, which owns ${project}, and administrators can see its cost (${mlProjectReadPermission.name})`,
      );
    }
    // Dry runs record made-up ids: only real accounts are billed.
    const accounts = record.accounts.filter(a => /^\d{12}$/.test(a.accountId));
    const now = this.options.now?.() ?? new Date();
    const cost = await readMonthToDateCost(
      await clients.costExplorer(),
      accounts.map(a => a.accountId),
      now,
    );
    const budgetAccount = accounts.find(a => a.stage === BUDGET_STAGE);
    const budget =
      budgetAccount &&
      (await readBudgetSpend(
        (
          await clients.forAccount(budgetAccount.accountId)
        ).budgets,
        budgetAccount.accountId,
        budgetName(project),
      ));
    return {
      project,
      currency: cost.currency,
      monthToDate: {
        total: cost.total,
        byAccount: accounts.map(a => ({
          accountId: a.accountId,
          stage: a.stage,
          amount:
            cost.byAccount.find(c => c.accountId === a.accountId)?.amount ?? 0,
        })),
      },
      daily: cost.daily,
      ...(budget && budget.limit > 0
        ? {
            budget: {
              limit: budget.limit,
              forecast: budget.forecast ?? budget.actual,
              percentUsed:
                Math.round((budget.actual / budget.limit) * 1000) / 10,
            },
          }
        : {}),
    };
  }
}
