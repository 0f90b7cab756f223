import { Knex } from 'knex';
import { AlertStore } from './AlertStore';

const TABLE = 'ml_environments_alerts';
/** Marks that the first set of alerts was recorded (without notifying). */
const BASELINE = '#baseline';

/** The alerts told to owners, on the plugin's database. */
export class DatabaseAlertStore implements AlertStore {
  constructor(private readonly db: Knex) {}

  /** The notified alerts by key, or undefined before the first baseline. */
  async notified(): Promise<
    Map<string, { state: string; project: string }> | undefined
  > {
    const rows = await this.db(TABLE).select('key', 'project', 'state');
    if (!rows.some(r => r.key === BASELINE)) return undefined;
    return new Map(
      rows
        .filter(r => r.key !== BASELINE)
        .map(r => [r.key, { state: r.state, project: r.project }]),
    );
  }

  /** Records the alerts found first, so that installing notifies nobody. */
  async baseline(
    alerts: Array<{ key: string; project: string; state: string }>,
  ) {
    const now = new Date();
    await this.db.transaction(async tx => {
      for (const { key, project, state } of [
        { key: BASELINE, project: '', state: '' },
        ...alerts,
      ]) {
        await tx(TABLE)
          .insert({ key, project, state, notified_at: now })
          .onConflict('key')
          .ignore();
      }
    });
  }

  /** Records an alert's new state; true when this call made the change. */
  async raise({
    key,
    project,
    state,
  }: {
    key: string;
    project: string;
    state: string;
  }) {
    const now = new Date();
    const updated = await this.db(TABLE)
      .where({ key })
      .whereNot({ state })
      .update({ state, notified_at: now });
    if (updated > 0) return true;
    try {
      await this.db(TABLE).insert({ key, project, state, notified_at: now });
      return true;
    } catch {
      // Another replica recorded it first, or it was already in this state.
      return false;
    }
  }

  /** Forgets a resolved alert; true when this call removed it. */
  async resolve(key: string) {
    return (await this.db(TABLE).where({ key }).delete()) > 0;
  }
}
