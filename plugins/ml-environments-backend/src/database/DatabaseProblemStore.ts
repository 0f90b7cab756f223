import { Knex } from 'knex';
import { ProblemStore } from './ProblemStore';

const TABLE = 'ml_environments_problems';

/** First sightings of OU problems, on the plugin's database. */
export class DatabaseProblemStore implements ProblemStore {
  constructor(private readonly db: Knex) {}

  /** Records the problems a snapshot shows (by key); forgets the others. */
  async record(keys: string[], seenAt: string) {
    await this.db.transaction(async tx => {
      const seen = new Date(seenAt);
      for (const key of keys) {
        await tx(TABLE)
          .insert({ key, first_seen_at: seen })
          .onConflict('key')
          .ignore();
      }
      await tx(TABLE).whereNotIn('key', keys).delete();
    });
  }

  /** First sightings by key, as ISO timestamps. */
  async since(): Promise<Record<string, string>> {
    const rows = await this.db(TABLE).select('key', 'first_seen_at');
    return Object.fromEntries(
      rows.map(r => [r.key, new Date(r.first_seen_at).toISOString()]),
    );
  }
}
