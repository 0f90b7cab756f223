import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  GuardrailException,
  GuardrailExceptionState,
  GuardrailExemption,
  exemptionOf,
} from '@mlgov/plugin-ml-environments-common';
import { Knex } from 'knex';

const TABLE = 'ml_environments_exceptions';

/** What the table holds; `expired` is an approved one past its end. */
type StoredStatus = 'pending' | 'approved' | 'rejected' | 'revoked';

const iso = (value: Date | string | number | null | undefined) =>
  value === null || value === undefined
    ? undefined
    : new Date(value).toISOString();

function toException(row: any, now: Date): GuardrailException {
  const endsAt = iso(row.ends_at)!;
  const status = row.status as StoredStatus;
  let state: GuardrailExceptionState;
  if (status === 'approved') {
    state = new Date(endsAt) > now ? 'active' : 'expired';
  } else {
    state = status;
  }
  const optional = {
    decidedBy: row.decided_by ?? undefined,
    decidedAt: iso(row.decided_at),
    decisionNote: row.decision_note ?? undefined,
    appliedAt: iso(row.applied_at),
    removedAt: iso(row.removed_at),
  };
  return {
    id: row.id,
    project: row.project,
    accountId: row.account_id,
    guardrailId: row.guardrail_id,
    reason: row.reason,
    endsAt,
    state,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at)!,
    ...Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined),
    ),
  };
}

/**
 * The suite's record of guardrail exceptions: the authority on which
 * carve-outs AWS should hold. Rows are never deleted.
 */
export class ExceptionStore {
  static async create(database: DatabaseService) {
    // The plugin's snapshot store runs the migrations first.
    return new ExceptionStore(await database.getClient());
  }

  constructor(private readonly db: Knex) {}

  async add(
    request: Pick<
      GuardrailException,
      'id' | 'project' | 'accountId' | 'guardrailId' | 'reason' | 'endsAt'
    > & { requestedBy: string },
    now: Date,
  ): Promise<GuardrailException> {
    await this.db(TABLE).insert({
      id: request.id,
      project: request.project,
      account_id: request.accountId,
      guardrail_id: request.guardrailId,
      reason: request.reason,
      ends_at: new Date(request.endsAt),
      status: 'pending',
      requested_by: request.requestedBy,
      requested_at: now,
    });
    return (await this.get(request.id, now))!;
  }

  async get(id: string, now: Date): Promise<GuardrailException | undefined> {
    const row = await this.db(TABLE).where({ id }).first();
    return row && toException(row, now);
  }

  async list(
    options: { project?: string; state?: GuardrailExceptionState },
    now: Date,
  ): Promise<GuardrailException[]> {
    let query = this.db(TABLE).orderBy('requested_at', 'desc').limit(1000);
    if (options.project) query = query.where({ project: options.project });
    const { state } = options;
    if (state === 'active') {
      query = query.where({ status: 'approved' }).where('ends_at', '>', now);
    } else if (state === 'expired') {
      query = query.where({ status: 'approved' }).where('ends_at', '<=', now);
    } else if (state) {
      query = query.where({ status: state });
    }
    return (await query).map(row => toException(row, now));
  }

  /**
   * Moves an exception from one of `from` to `to`; undefined when it was in
   * none of them (decided meanwhile, by this replica or another).
   */
  async decide(
    id: string,
    from: StoredStatus[],
    to: StoredStatus,
    decision: { by: string; note?: string },
    now: Date,
  ): Promise<GuardrailException | undefined> {
    const updated = await this.db(TABLE)
      .where({ id })
      .whereIn('status', from)
      .update({
        status: to,
        decided_by: decision.by,
        decided_at: now,
        decision_note: decision.note ?? null,
      });
    return updated > 0 ? this.get(id, now) : undefined;
  }

  /** The carve-outs AWS should hold now: approved, before their end. */
  async exemptions(now: Date): Promise<GuardrailExemption[]> {
    return (await this.list({ state: 'active' }, now)).map(exemptionOf);
  }

  /**
   * Exceptions whose carve-out should be in AWS but was not yet seen there,
   * and ended ones whose carve-out was not yet seen gone.
   */
  async unsettled(now: Date) {
    const rows = await this.db(TABLE)
      .where(q =>
        q
          .where({ status: 'approved' })
          .where('ends_at', '>', now)
          .whereNull('applied_at'),
      )
      .orWhere(q =>
        q
          .where(inner =>
            inner
              .where({ status: 'revoked' })
              .orWhere(expired =>
                expired
                  .where({ status: 'approved' })
                  .where('ends_at', '<=', now),
              ),
          )
          .whereNull('removed_at'),
      );
    return rows.map(row => toException(row, now));
  }

  async markApplied(ids: string[], now: Date) {
    if (ids.length === 0) return;
    await this.db(TABLE)
      .whereIn('id', ids)
      .whereNull('applied_at')
      .update({ applied_at: now });
  }

  /** Marks carve-outs seen gone; the ids this call marked (once across replicas). */
  async markRemoved(ids: string[], now: Date): Promise<string[]> {
    const marked: string[] = [];
    for (const id of ids) {
      const updated = await this.db(TABLE)
        .where({ id })
        .whereNull('removed_at')
        .update({ removed_at: now });
      if (updated > 0) marked.push(id);
    }
    return marked;
  }

  /** Records that a reminder was sent; false when it already was (by any replica). */
  async remind(id: string, reminder: '7d' | '1d') {
    const earlier = reminder === '1d' ? ['7d'] : [];
    const updated = await this.db(TABLE)
      .where({ id })
      .where(q => q.whereNull('reminded').orWhereIn('reminded', earlier))
      .update({ reminded: reminder });
    return updated > 0;
  }
}
