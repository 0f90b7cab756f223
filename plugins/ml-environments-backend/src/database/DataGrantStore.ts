import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  DataGrant,
  DataGrantState,
} from '@mlgov/plugin-ml-environments-common';
import { Knex } from 'knex';

const TABLE = 'ml_environments_data_grants';

const iso = (value: Date | string | null | undefined) =>
  value === null || value === undefined
    ? undefined
    : new Date(value).toISOString();

function toGrant(row: any): DataGrant {
  const optional = {
    decidedBy: row.decided_by ?? undefined,
    decidedAt: iso(row.decided_at),
    decisionNote: row.decision_note ?? undefined,
    grantedAt: iso(row.granted_at),
    revokedAt: iso(row.revoked_at),
  };
  return {
    id: row.id,
    project: row.project,
    accountId: row.account_id,
    database: row.database,
    reason: row.reason,
    state: row.state,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at)!,
    ...Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined),
    ),
  };
}

/**
 * The suite's record of data grants: the authority on which project
 * accounts may read which data-lake databases. Rows are never deleted.
 */
export class DataGrantStore {
  static async create(database: DatabaseService) {
    // The plugin's snapshot store runs the migrations first.
    return new DataGrantStore(await database.getClient());
  }

  constructor(private readonly db: Knex) {}

  async add(
    grant: Pick<
      DataGrant,
      'id' | 'project' | 'accountId' | 'database' | 'reason'
    > & {
      requestedBy: string;
    },
    now: Date,
  ): Promise<DataGrant> {
    await this.db(TABLE).insert({
      id: grant.id,
      project: grant.project,
      account_id: grant.accountId,
      database: grant.database,
      reason: grant.reason,
      state: 'pending',
      requested_by: grant.requestedBy,
      requested_at: now,
    });
    return (await this.get(grant.id))!;
  }

  async get(id: string): Promise<DataGrant | undefined> {
    const row = await this.db(TABLE).where({ id }).first();
    return row && toGrant(row);
  }

  async list(options: {
    project?: string;
    state?: DataGrantState;
  }): Promise<DataGrant[]> {
    let query = this.db(TABLE).orderBy('requested_at', 'desc').limit(1000);
    if (options.project) query = query.where({ project: options.project });
    if (options.state) query = query.where({ state: options.state });
    return (await query).map(toGrant);
  }

  /**
   * Moves a grant from one of `from` to `to`; undefined when it was in none
   * of them (decided meanwhile, by this replica or another).
   */
  async move(
    id: string,
    from: DataGrantState[],
    to: DataGrantState,
    change: { by?: string; note?: string; at: Date },
  ): Promise<DataGrant | undefined> {
    const updated = await this.db(TABLE)
      .where({ id })
      .whereIn('state', from)
      .update({
        state: to,
        ...(change.by
          ? {
              decided_by: change.by,
              decided_at: change.at,
              decision_note: change.note ?? null,
            }
          : {}),
        ...(to === 'active' ? { granted_at: change.at } : {}),
        ...(to === 'revoked' ? { revoked_at: change.at } : {}),
      });
    return updated > 0 ? this.get(id) : undefined;
  }
}
