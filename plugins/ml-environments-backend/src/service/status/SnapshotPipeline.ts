import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  ML_ENVIRONMENTS_TOPICS,
  OrganizationSnapshot,
} from '@mlgov/plugin-ml-environments-common';
import { SnapshotClients } from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsStore } from '../../database/MlEnvironmentsStore';
import { ProjectStore } from '../../database/ProjectStore';
import { AwsEventPatcher } from './AwsEventPatcher';
import { SnapshotReadModel } from './SnapshotReadModel';
import { SnapshotRefresher } from './SnapshotRefresher';

/** What runs on every saved snapshot, full or patched, once it is announced. */
export interface SnapshotConsumer {
  /** Named in the warning when it fails. */
  readonly name: string;
  onSnapshotSaved(snapshot: OrganizationSnapshot): Promise<void>;
}

/**
 * How snapshots come to be: full reads (the refresher: scheduled, asked
 * for, after a project is provisioned) and AWS events patched in between
 * (the patcher). Every saved snapshot is announced on the events service
 * (the catalog module re-emits the accounts) and handed to the consumers in
 * their order; a consumer that fails is logged and never fails the save.
 */
export class SnapshotPipeline {
  private readonly refresher: SnapshotRefresher;
  private readonly patcher: AwsEventPatcher;

  constructor(
    private readonly options: {
      store: MlEnvironmentsStore;
      readModel: SnapshotReadModel;
      clients: SnapshotClients;
      logger: LoggerService;
      events: Pick<EventsService, 'publish'>;
      /** How AWS events are read: batched, and followed up while AWS works. */
      awsEvents: { batchMs: number; followUpMs: number };
      /** Shortest time between two refreshes users ask for, across replicas. */
      refreshLease?: {
        store: Pick<ProjectStore, 'tryStartRefresh'>;
        minIntervalMs: number;
      };
      /** Runs after each full read, before it is announced (configured adoptions). */
      afterFullRead?: { applyConfigured(): Promise<void> };
      consumers: SnapshotConsumer[];
    },
  ) {
    const announce = (snapshot: OrganizationSnapshot) =>
      this.announce(snapshot);
    this.refresher = new SnapshotRefresher({
      ...options,
      afterRefresh: () =>
        options.afterFullRead?.applyConfigured() ?? Promise.resolve(),
      replayEvents: startedAt => this.patcher.replayAfterFullRead(startedAt),
      announce,
    });
    this.patcher = new AwsEventPatcher({
      ...options,
      timing: options.awsEvents,
      latest: () => options.readModel.latest(),
      fullRead: () => this.refresher.running,
      announce,
    });
  }

  /** Reads the whole organization now; a call while one runs joins it. */
  refresh(): Promise<{ takenAt: string }> {
    return this.refresher.refresh();
  }

  /** A refresh a user asked for (see SnapshotRefresher.requestRefresh). */
  requestRefresh() {
    return this.refresher.requestRefresh();
  }

  /** The last full read that failed outright, for an honest 503 before any snapshot. */
  get lastFailure() {
    return this.refresher.lastFailure;
  }

  /**
   * An event from the organization's EventBridge rule (CloudTrail calls,
   * service events, Config compliance changes): the parts it changed are
   * read again and patched into the latest snapshot, instead of a full read.
   */
  applyAwsEvent(event: unknown): void {
    this.patcher.apply(event);
  }

  /** Resolves once every queued change is applied (for tests and benchmarks). */
  changesApplied(): Promise<void> {
    return this.patcher.changesApplied();
  }

  private async announce(snapshot: OrganizationSnapshot) {
    await this.options.events.publish({
      topic: ML_ENVIRONMENTS_TOPICS.snapshotRefreshed,
      eventPayload: { takenAt: snapshot.takenAt },
    });
    for (const consumer of this.options.consumers) {
      // A consumer must never fail a refresh; the next snapshot tries again.
      await consumer
        .onSnapshotSaved(snapshot)
        .catch(error =>
          this.options.logger.warn(
            `${consumer.name} of the new snapshot failed: ${error.message}`,
          ),
        );
    }
  }
}
