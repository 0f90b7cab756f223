import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ACCOUNT_TAGS,
  ProjectSpendList,
  mlProjectReadPermission,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  readMonthToDateCostByAccount,
  readMonthToDateCostByTag,
} from '@mlgov/plugin-ml-environments-node';
import { ProjectStore } from '../../database/ProjectStore';
import { ProjectAccess } from '../projects/ProjectAccess';

/** What Cost Explorer said of the whole organization, and when. */
interface OrganizationSpend {
  readAt: Date;
  /** The UTC month it covers: a new month is never served last month's figures. */
  month: string;
  currency: string;
  byAccount: Map<string, number>;
  /** The shared accounts' cost by the ml-project tag. */
  sharedByProject: Map<string, number>;
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

/**
 * Every project's month-to-date spend, for the organization page to sort
 * by. Cost Explorer bills each request and limits their rate, so the
 * organization is read in two requests (every account grouped by linked
 * account; the shared accounts by the ml-project tag) and kept for
 * `cacheTtlMs`, whoever asks; what each caller gets is filtered afterwards,
 * with the per-project cost route's authority: the owner group's members
 * and administrators whom the policy allows ml-environments.project.read.
 */
export class ProjectSpendOverview {
  private cached?: OrganizationSpend;
  private reading?: Promise<OrganizationSpend>;

  constructor(
    private readonly options: {
      access: ProjectAccess;
      store: Pick<ProjectStore, 'listProjects'>;
      adminGroups: string[];
      clients: Pick<MlAwsClients, 'costExplorer'>;
      /** Accounts several projects' resources share (the shared services account). */
      sharedAccountIds: string[];
      cacheTtlMs: number;
      now?: () => Date;
    },
  ) {}

  async list(credentials: BackstageCredentials): Promise<ProjectSpendList> {
    const { access, store, adminGroups } = this.options;
    const actor = await access.userOf(credentials);
    const admin = adminGroups.some(g => actor.ownership.includes(g));
    const mine = (await store.listProjects()).filter(
      r => admin || actor.ownership.includes(r.owner),
    );
    const visible = await access.recordsAllowed(
      credentials,
      mlProjectReadPermission,
      mine,
    );
    if (visible.length === 0) {
      // Nothing to show: Cost Explorer is not asked.
      return {
        currency: 'USD',
        readAt: this.now().toISOString(),
        projects: [],
      };
    }
    const spend = await this.organizationSpend();
    return {
      currency: spend.currency,
      readAt: spend.readAt.toISOString(),
      projects: visible
        .map(record => {
          // A shared account's cost counts by tag only, never whole.
          const accounts = record.accounts
            .filter(a => !this.options.sharedAccountIds.includes(a.accountId))
            .reduce(
              (sum, a) => sum + (spend.byAccount.get(a.accountId) ?? 0),
              0,
            );
          const shared = spend.sharedByProject.get(record.project) ?? 0;
          return {
            project: record.project,
            owner: record.owner,
            monthToDate: cents(accounts + shared),
            accounts: cents(accounts),
            sharedAccounts: cents(shared),
          };
        })
        .sort((a, b) => a.project.localeCompare(b.project)),
    };
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** The cached read while fresh and of this month; one read at a time otherwise. */
  private async organizationSpend(): Promise<OrganizationSpend> {
    const now = this.now();
    const month = now.toISOString().slice(0, 7);
    const cached = this.cached;
    if (
      cached &&
      cached.month === month &&
      now.getTime() - cached.readAt.getTime() < this.options.cacheTtlMs
    ) {
      return cached;
    }
    this.reading ??= this.read(now).finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(now: Date): Promise<OrganizationSpend> {
    const { clients, sharedAccountIds } = this.options;
    const ce = await clients.costExplorer();
    const [all, shared] = await Promise.all([
      readMonthToDateCostByAccount(ce, now),
      readMonthToDateCostByTag(
        ce,
        { accountIds: sharedAccountIds, tagKey: ACCOUNT_TAGS.project },
        now,
      ),
    ]);
    const spend = {
      readAt: now,
      month: now.toISOString().slice(0, 7),
      currency: all.currency,
      byAccount: all.amounts,
      sharedByProject: shared.amounts,
    };
    this.cached = spend;
    return spend;
  }
}
