import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  OrganizationSnapshot,
  RefreshProgress,
  SNAPSHOT_SECTIONS,
} from '@mlgov/plugin-ml-environments-common';
import {
  SnapshotClients,
  readOrganizationSnapshot,
} from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsStore } from '../../database/MlEnvironmentsStore';
import { ProjectStore } from '../../database/ProjectStore';

/** A refresh that started (its id), or when to ask again. */
export type RequestedRefresh =
  | { refreshId: string }
  | { retryAfterSeconds: number };

/**
 * Reads the whole organization and saves it as the latest snapshot, with
 * the refresh's progress for any replica to read; one refresh at a time per
 * replica, and at most one per interval across replicas when users ask.
 */
export interface SnapshotRefresherOptions {
  store: MlEnvironmentsStore;
  clients: SnapshotClients;
  logger: LoggerService;
  /** Runs on each new full snapshot before it is announced. */
  afterRefresh: () => Promise<void>;
  /** Tells everyone who follows snapshots that one is saved (SnapshotPipeline). */
  announce: (snapshot: OrganizationSnapshot) => Promise<void>;
  /** Shortest time between two refreshes that users ask for, across replicas. */
  refreshLease?: {
    store: Pick<ProjectStore, 'tryStartRefresh'>;
    minIntervalMs: number;
  };
  /** Called once a full read that started at `startedAt` is saved: events it may have missed. */
  replayEvents: (startedAt: string) => void;
}

export class SnapshotRefresher {
  constructor(private readonly options: SnapshotRefresherOptions) {}

  /** The full read in progress, if any. */
  running?: Promise<{ takenAt: string }>;
  private runningId?: string;

  /** Refreshes now; a call while a refresh runs joins it instead of starting another. */
  async refresh(): Promise<{ takenAt: string }> {
    if (!this.running) {
      const id = randomUUID();
      this.runningId = id;
      this.running = this.readAndSave(id).finally(() => {
        this.running = undefined;
        this.runningId = undefined;
      });
    }
    return this.running;
  }

  /**
   * A refresh a user asked for: joins the running one, or starts one if no
   * replica started one within the minimum interval.
   */
  async requestRefresh(): Promise<RequestedRefresh> {
    this.requested ??= this.startRequestedRefresh().finally(() => {
      this.requested = undefined;
    });
    return this.requested;
  }

  private requested?: Promise<RequestedRefresh>;

  private async startRequestedRefresh(): Promise<RequestedRefresh> {
    if (this.runningId) return { refreshId: this.runningId };
    const lease = this.options.refreshLease;
    if (lease) {
      const taken = await lease.store.tryStartRefresh(
        new Date(),
        lease.minIntervalMs,
      );
      if (!taken.started) {
        return { retryAfterSeconds: Math.ceil(taken.retryAfterMs / 1000) };
      }
    }
    // Answered at once; the refresh's progress is read by its id.
    this.refresh().catch(() => undefined);
    return { refreshId: this.runningId! };
  }

  /** The last refresh that failed outright, for an honest 503 before any snapshot. */
  lastFailure?: { at: string; message: string };

  private async readAndSave(id: string) {
    const started = Date.now();
    const startedAt = new Date(started).toISOString();
    const progress: RefreshProgress = {
      id,
      state: 'running',
      startedAt,
      loading: [...SNAPSHOT_SECTIONS],
    };
    const { store } = this.options;
    await store.saveRefreshProgress(progress);
    let snapshot: OrganizationSnapshot;
    try {
      const previous = await store.latestSnapshot();
      snapshot = await readOrganizationSnapshot(
        this.options.clients,
        previous,
        {
          onStage: async partial => {
            progress.loading = partial.loading ?? [];
            await store.saveRefreshProgress(progress);
            // A first read is published stage by stage: the accounts show
            // in their OUs long before their tags and products are read.
            if (!previous) {
              await store.saveSnapshot(partial);
              await this.options.announce(partial);
            }
          },
        },
      );
    } catch (error) {
      const { name, message } = error as Error;
      this.lastFailure = {
        at: new Date().toISOString(),
        message: `${name}: ${message}`,
      };
      await store.saveRefreshProgress({
        ...progress,
        state: 'failed',
        finishedAt: this.lastFailure.at,
        error: this.lastFailure.message,
      });
      throw new ServiceUnavailableError(
        `Reading the AWS organization failed (${name}: ${message}); the previous snapshot, if any, still answers`,
      );
    }
    this.lastFailure = undefined;
    for (const stale of snapshot.stale ?? []) {
      this.options.logger.warn(
        `Snapshot section ${stale.section} kept from ${stale.since}: ${stale.reason}`,
      );
    }
    await store.saveSnapshot(snapshot);
    await store.saveRefreshProgress({
      ...progress,
      state: 'succeeded',
      loading: [],
      finishedAt: new Date().toISOString(),
      takenAt: snapshot.takenAt,
    });
    await this.options.afterRefresh();
    this.options.logger.info(
      `Refreshed the organization snapshot in ${Date.now() - started} ms: ${
        snapshot.accounts.length
      } accounts, ${snapshot.ous.length} OUs, ${snapshot.policies.length} SCPs`,
    );
    this.options.replayEvents(startedAt);
    await this.options.announce(snapshot);
    return { takenAt: snapshot.takenAt };
  }
}
