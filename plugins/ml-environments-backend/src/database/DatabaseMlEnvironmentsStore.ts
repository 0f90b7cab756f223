import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { OrganizationSnapshot } from '@mlgov/plugin-ml-environments-common';
import { Knex } from 'knex';
import { MlEnvironmentsStore } from './MlEnvironmentsStore';

const TABLE = 'ml_environments_snapshots';
/** Older snapshots are kept for a while, for looking back at a bad refresh. */
const SNAPSHOTS_KEPT = 10;

const migrationsDir = resolvePackagePath(
  '@mlgov/plugin-ml-environments-backend',
  'migrations',
);

/** The store on the plugin's database: SQLite locally, PostgreSQL in production. */
export class DatabaseMlEnvironmentsStore implements MlEnvironmentsStore {
  static async create(
    database: DatabaseService,
  ): Promise<DatabaseMlEnvironmentsStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseMlEnvironmentsStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async saveSnapshot(snapshot: OrganizationSnapshot): Promise<void> {
    await this.db.transaction(async tx => {
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
}
