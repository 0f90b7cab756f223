import { Knex } from 'knex';

/** One threshold of a project's spending limit in one month. */
export interface BudgetAlertKey {
  project: string;
  /** YYYY-MM (UTC) */
  month: string;
  /** Percent of the limit: 80 or 100. */
  threshold: number;
}

/**
 * The spending-limit thresholds owner groups were told of. A claim is
 * recorded before the notice goes out, so of all replicas and restarts
 * exactly one sends it (at most once: a notice that then fails is logged).
 */
export interface BudgetAlertStore {
  /** Records the threshold as told; true when this call recorded it. */
  claim(key: BudgetAlertKey, at: Date): Promise<boolean>;
}

const TABLE = 'ml_environments_budget_alerts';

/** The thresholds told, on the plugin's database. */
export class DatabaseBudgetAlertStore implements BudgetAlertStore {
  constructor(private readonly db: Knex) {}

  async claim({ project, month, threshold }: BudgetAlertKey, at: Date) {
    const inserted = await this.db(TABLE)
      .insert({ project, month, threshold, sent_at: at })
      .onConflict(['project', 'month', 'threshold'])
      .ignore()
      .returning('project');
    return inserted.length > 0;
  }
}
