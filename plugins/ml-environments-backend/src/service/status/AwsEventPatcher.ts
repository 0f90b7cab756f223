import { LoggerService } from '@backstage/backend-plugin-api';
import {
  OrganizationSnapshot,
  SnapshotChange,
  applySnapshotPatch,
  changesFromAwsEvent,
  snapshotChangeKey,
} from '@mlgov/plugin-ml-environments-common';
import {
  SnapshotClients,
  readSnapshotChanges,
} from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsStore } from '../../database/MlEnvironmentsStore';

/**
 * Applies AWS events to the latest snapshot: the parts they changed are
 * queued (events within `batchMs` are read together), read again, and
 * patched into the latest snapshot, saved only if it is still the latest.
 * A part whose AWS operation still runs is read again after `followUpMs`.
 */
export class AwsEventPatcher {
  constructor(
    private readonly options: {
      clients: SnapshotClients;
      store: Pick<MlEnvironmentsStore, 'saveSnapshot'>;
      logger: LoggerService;
      timing: { batchMs: number; followUpMs: number };
      latest: () => Promise<
        { id: number; snapshot: OrganizationSnapshot } | undefined
      >;
      /** The full read in progress, if any: patches wait for it. */
      fullRead: () => Promise<unknown> | undefined;
      announce: (snapshot: OrganizationSnapshot) => Promise<void>;
    },
  ) {}

  private pendingChanges = new Map<string, SnapshotChange>();
  private appliedChanges: Array<{ at: string; change: SnapshotChange }> = [];
  private failedAttempts = new Map<string, number>();
  private flushTimer?: ReturnType<typeof setTimeout>;
  private flushDueAt = 0;
  private flushing?: Promise<void>;

  /** Queues the parts an AWS event changed. */
  apply(event: unknown): void {
    for (const change of changesFromAwsEvent(event)) this.queueChange(change);
  }

  private queueChange(
    change: SnapshotChange,
    delayMs = this.options.timing.batchMs,
  ) {
    this.pendingChanges.set(snapshotChangeKey(change), change);
    // A new event is not held back by a later follow-up: the sooner wins.
    const dueAt = Date.now() + delayMs;
    if (this.flushTimer && dueAt >= this.flushDueAt) return;
    clearTimeout(this.flushTimer);
    this.flushDueAt = dueAt;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushing = (this.flushing ?? Promise.resolve())
        .then(() => this.flushChanges())
        .finally(() => {
          if (!this.flushTimer && this.pendingChanges.size === 0) {
            this.flushing = undefined;
          }
        });
    }, delayMs);
  }

  /** Resolves once every queued change is applied (for tests and benchmarks). */
  async changesApplied(): Promise<void> {
    while (this.flushTimer || this.flushing || this.pendingChanges.size) {
      await (this.flushing ??
        new Promise(resolve =>
          setTimeout(resolve, this.options.timing.batchMs),
        ));
    }
  }

  private async flushChanges() {
    // A full read in progress would overwrite the patch: apply after it.
    await this.options.fullRead()?.catch(() => undefined);
    const changes = [...this.pendingChanges.values()];
    this.pendingChanges.clear();
    if (changes.length === 0) return;
    try {
      const saved = await this.patchLatest(changes);
      if (!saved) return;
      for (const change of changes) {
        this.failedAttempts.delete(snapshotChangeKey(change));
      }
      for (const change of saved.unsettled) {
        this.queueChange(change, this.options.timing.followUpMs);
      }
      await this.options.announce(saved.snapshot);
    } catch (error) {
      for (const change of changes) {
        const key = snapshotChangeKey(change);
        const attempts = (this.failedAttempts.get(key) ?? 0) + 1;
        this.failedAttempts.set(key, attempts);
        if (attempts < 5) {
          this.queueChange(change, this.options.timing.followUpMs * attempts);
        } else {
          this.failedAttempts.delete(key);
          this.options.logger.warn(
            `Gave up reading ${key} after an AWS event; the next full refresh reconciles it`,
          );
        }
      }
      this.options.logger.warn(
        `Applying AWS events failed (${(error as Error).message}); retrying`,
      );
    }
  }

  /** Reads the changed parts and saves the patched snapshot as the latest. */
  private async patchLatest(changes: SnapshotChange[]) {
    // No snapshot yet: the first full read will see these changes.
    let base = await this.options.latest();
    if (!base) return undefined;
    const patch = await readSnapshotChanges(
      this.options.clients,
      base.snapshot,
      changes,
    );
    // Another replica may save in between: patch its snapshot instead.
    for (let attempt = 0; attempt < 5; attempt++) {
      const snapshot = applySnapshotPatch(base.snapshot, patch);
      if (
        await this.options.store.saveSnapshot(snapshot, { basedOn: base.id })
      ) {
        const at = new Date().toISOString();
        if (this.options.fullRead()) {
          this.appliedChanges.push(...changes.map(change => ({ at, change })));
        }
        this.options.logger.info(
          `Applied ${changes.length} change(s) from AWS events: ${changes
            .map(snapshotChangeKey)
            .join(', ')}`,
        );
        return { snapshot, unsettled: patch.unsettled };
      }
      base = await this.options.latest();
      if (!base) return undefined;
    }
    throw new Error('the snapshot kept changing under the patch');
  }

  /**
   * After a full read that started at `startedAt` is saved: it may have read
   * a part before an event changed it, so those parts are read again on top.
   */
  replayAfterFullRead(startedAt: string) {
    for (const { at, change } of this.appliedChanges) {
      if (at >= startedAt) this.queueChange(change);
    }
    this.appliedChanges = [];
  }
}
