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
 * project; the accounts are the record's, never found by tags. Cost Explorer
 * bills each request, so a project's figures are read at most once per
 * `cacheTtlMs` (and anew each month), whoever asks; authority is decided on
 * every call, before the cache.
 */
export class ProjectCostService {
  constructor(
    private readonly options: {
      access: ProjectAccess;
      records: Pick<ProjectRecords, 'recordOrNotFound'>;
      /** mlEnvironments.permissions.adminGroups: they see every project's cost. */
      adminGroups: string[];
      clients: Pick<MlAwsClients, 'costExplorer' | 'forAccount'>;
      /** mlEnvironments.cost.cacheTtl; 0 reads AWS on every call. */
      cacheTtlMs?: number;
      now?: () => Date;
    },
  ) {}

  private readonly cache = new Map<
    string,
    { readAt: number; cost: Promise<ProjectCost> }
  >();

  async cost(
    credentials: BackstageCredentials,
    project: string,
  ): Promise<ProjectCost> {
    const { access, records, adminGroups } = this.options;
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
    const key = [
      project,
      now.toISOString().slice(0, 7),
      ...accounts.map(a => `${a.stage}:${a.accountId}`),
    ].join('/');
    const cached = this.cache.get(key);
    if (
      cached &&
      now.getTime() - cached.readAt < (this.options.cacheTtlMs ?? 0)
    ) {
      return cached.cost;
    }
    for (const [stale, entry] of this.cache) {
      if (now.getTime() - entry.readAt >= (this.options.cacheTtlMs ?? 0)) {
        this.cache.delete(stale);
      }
    }
    const cost = this.read(project, accounts, now);
    this.cache.set(key, { readAt: now.getTime(), cost });
    // A failed read is not kept: the next call tries AWS again.
    cost.catch(() => this.cache.delete(key));
    return cost;
  }

  private async read(
    project: string,
    accounts: { accountId: string; stage: string }[],
    now: Date,
  ): Promise<ProjectCost> {
    const { clients } = this.options;
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
