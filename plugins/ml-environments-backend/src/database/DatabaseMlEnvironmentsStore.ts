import {
  OrganizationSnapshot,
  RefreshProgress,
} from '@mlgov/plugin-ml-environments-common';
import { Knex } from 'knex';
import { MlEnvironmentsStore } from './MlEnvironmentsStore';

const TABLE = 'ml_environments_snapshots';
const REFRESHES = 'ml_environments_refreshes';
/** Refreshes remembered for GET /refresh/{id}. */
const REFRESHES_KEPT = 100;
/** Older snapshots are kept for a while, for looking back at a bad refresh. */
const SNAPSHOTS_KEPT = 10;

/** The snapshots on the plugin's database. */
export class DatabaseMlEnvironmentsStore implements MlEnvironmentsStore {
  constructor(private readonly db: Knex) {}

  async saveSnapshot(
    snapshot: OrganizationSnapshot,
    options: { basedOn?: number } = {},
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      if (options.basedOn !== undefined) {
        // Locks the latest row (PostgreSQL); SQLite serializes writers anyway.
        const latest = await tx(TABLE)
          .select('id')
          .orderBy('id', 'desc')
          .first()
          .forUpdate();
        if (latest?.id !== options.basedOn) return false;
      }
      await tx(TABLE).insert({
        taken_at: new Date(snapshot.takenAt),
        snapshot: JSON.stringify(snapshot),
      });
      const keep = tx(TABLE)
        .select('id')
        .orderBy('id', 'desc')
        .limit(SNAPSHOTS_KEPT);
      await tx(TABLE)
        .whereNotIn('id', await keep.then(rows => rows.map(r => r.id)))
        .delete();
      return true;
    });
  }

  async latestSnapshotId(): Promise<number | undefined> {
    const row = await this.db(TABLE).max('id as id').first();
    return row?.id ?? undefined;
  }

  async latestSnapshot(): Promise<OrganizationSnapshot | undefined> {
    const row = await this.db(TABLE)
      .select('snapshot')
      .orderBy('id', 'desc')
      .first();
    return row ? JSON.parse(row.snapshot) : undefined;
  }

  async saveRefreshProgress(progress: RefreshProgress): Promise<void> {
    const row = {
      id: progress.id,
      state: progress.state,
      started_at: new Date(progress.startedAt),
      finished_at: progress.finishedAt ? new Date(progress.finishedAt) : null,
      progress: JSON.stringify(progress),
    };
    await this.db(REFRESHES).insert(row).onConflict('id').merge();
    if (progress.state === 'running') return;
    const keep = await this.db(REFRESHES)
      .select('id')
      .orderBy('started_at', 'desc')
      .limit(REFRESHES_KEPT);
    await this.db(REFRESHES)
      .whereNotIn(
        'id',
        keep.map(r => r.id),
      )
      .delete();
  }

  async refreshProgress(id: string): Promise<RefreshProgress | undefined> {
    const row = await this.db(REFRESHES).where({ id }).first();
    return row ? JSON.parse(row.progress) : undefined;
  }
}
