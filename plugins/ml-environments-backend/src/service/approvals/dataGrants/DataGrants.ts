import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DataGrant,
  DataGrantRequest,
  DataGrantState,
  dataGrantAccess,
  resourceLinkName,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { DataLakeConfig } from '../../../config';
import { DataGrantStore } from '../../../database/DataGrantStore';
import { ApprovalNotifier } from '../ApprovalNotifier';
import { ApprovalWorkflow, ApprovalWorkflowOptions } from '../ApprovalWorkflow';
import { DataGrantPolicy } from './DataGrantPolicy';

/** The notifications' topic, for users to filter or mute them. */
export const DATA_ACCESS_TOPIC = 'ml-environments-data-access';

/**
 * Read access to the data lake from request to revocation (see
 * ApprovalWorkflow and DataGrantPolicy): a project's owner group asks for
 * one of its accounts, a data owner approves (or the database is
 * self-service), Lake Formation grants it; a revocation takes it away.
 * Listed for one project, an active grant says whether the project account
 * holds all of it now; asked for again, it is applied again.
 */
export class DataGrants extends ApprovalWorkflow<
  DataGrant,
  DataGrantRequest,
  DataGrantState
> {
  constructor(
    options: Omit<
      ApprovalWorkflowOptions<DataGrant, DataGrantState>,
      'notifier' | 'store'
    > & {
      store: DataGrantStore;
      clients: Pick<MlAwsClients, 'forAccount'>;
      dataLake?: DataLakeConfig;
      notifications: NotificationService;
      logger: LoggerService;
    },
  ) {
    const policy = new DataGrantPolicy(options);
    super(policy, {
      ...options,
      notifier: new ApprovalNotifier({
        ...options,
        topic: DATA_ACCESS_TOPIC,
        deciders: options.dataLake?.ownerGroups ?? [],
      }),
    });
    this.grantPolicy = policy;
    this.dataLake = options.dataLake;
  }

  private readonly dataLake?: DataLakeConfig;

  private readonly grantPolicy: DataGrantPolicy;
  /** The last read of each active grant's access (see `accessOf`). */
  private readonly accessReads = new Map<
    string,
    { key: string; at: number; read: Promise<AccessRead> }
  >();

  /**
   * Asked again for an active grant (a re-run template, a user repairing
   * drift): applied again as the dataset is classified now (to a dev
   * account, the tables it has now), making a missing link or role grant;
   * each step looks first, so nothing held is changed.
   */
  async request(
    credentials: BackstageCredentials,
    project: string,
    ask: DataGrantRequest,
  ) {
    const answer = await super.request(credentials, project, ask);
    if (!answer.created && answer.item.state === 'active') {
      // As classified now: a dataset classified sensitive since is refused.
      const { item } = await this.grantPolicy.refresh(answer.item);
      await this.grantPolicy.beforeApprove(item);
      // What it repaired shows in the next list.
      this.accessReads.delete(item.id);
      return { ...answer, item };
    }
    return answer;
  }

  /** One project's grants carry their access as AWS holds it now. */
  async list(
    credentials: BackstageCredentials,
    filter: { project?: string; state?: DataGrantState },
  ): Promise<DataGrant[]> {
    const items = await super.list(credentials, filter);
    if (!filter.project) return items;
    // A project has a few grants: read side by side.
    return Promise.all(
      items.map(async grant => {
        if (grant.state !== 'active') {
          this.accessReads.delete(grant.id); // read only while active
          return grant;
        }
        const read = await this.accessOf(grant);
        return {
          ...grant,
          access: dataGrantAccess(
            grant.accountId,
            grant.database,
            resourceLinkName(grant.database),
            read,
          ),
        };
      }),
    );
  }

  /**
   * An active grant's access as AWS holds it, read at most once per
   * `dataLake.accessCacheTtlMs` whoever lists (any signed-in user may, and
   * each read is several Lake Formation and Glue calls); callers within the
   * time share one read. A grant granted again is read anew at once.
   */
  private accessOf(grant: DataGrant): Promise<AccessRead> {
    const key = `${grant.state}|${grant.grantedAt ?? ''}`;
    const now = Date.now();
    const last = this.accessReads.get(grant.id);
    if (last && last.key === key && now - last.at < this.accessCacheTtlMs) {
      return last.read;
    }
    const read = this.grantPolicy
      .readAccess(grant)
      .catch((error: Error) => ({ error: error.message }));
    this.accessReads.set(grant.id, { key, at: now, read });
    return read;
  }

  private get accessCacheTtlMs() {
    return this.dataLake?.accessCacheTtlMs ?? 0;
  }
}

type AccessRead = Parameters<typeof dataGrantAccess>[3];
