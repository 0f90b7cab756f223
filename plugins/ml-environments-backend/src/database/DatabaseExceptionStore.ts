import {
  GuardrailException,
  GuardrailExceptionState,
  GuardrailExemption,
  exemptionOf,
} from '@mlgov/plugin-ml-environments-common';
import { Knex } from 'knex';
import {
  ApprovalChange,
  DatabaseApprovalStore,
  approvalFields,
  decisionColumns,
  iso,
} from './ApprovalStore';
import {
  ExceptionRequestRow,
  ExceptionStore,
  StoredExceptionStatus,
} from './ExceptionStore';

/** The guardrail exceptions on the plugin's database. */
export class DatabaseExceptionStore
  extends DatabaseApprovalStore<
    GuardrailException,
    ExceptionRequestRow,
    GuardrailExceptionState,
    StoredExceptionStatus
  >
  implements ExceptionStore
{
  constructor(db: Knex) {
    super(db, 'ml_environments_exceptions', 'status');
  }

  protected toItem(row: any, now: Date): GuardrailException {
    const endsAt = iso(row.ends_at)!;
    const status = row.status as StoredExceptionStatus;
    let state: GuardrailExceptionState;
    if (status === 'approved') {
      state = new Date(endsAt) > now ? 'active' : 'expired';
    } else {
      state = status;
    }
    return {
      ...approvalFields(row, {
        appliedAt: iso(row.applied_at),
        removedAt: iso(row.removed_at),
      }),
      guardrailId: row.guardrail_id,
      endsAt,
      state,
    } as GuardrailException;
  }

  protected columnsOf(request: ExceptionRequestRow) {
    return {
      guardrail_id: request.guardrailId,
      ends_at: new Date(request.endsAt),
    };
  }

  protected whereState(
    query: Knex.QueryBuilder,
    state: GuardrailExceptionState,
    now: Date,
  ) {
    if (state === 'active') {
      return query.where({ status: 'approved' }).where('ends_at', '>', now);
    }
    if (state === 'expired') {
      return query.where({ status: 'approved' }).where('ends_at', '<=', now);
    }
    return query.where({ status: state });
  }

  protected moveColumns(_to: StoredExceptionStatus, change: ApprovalChange) {
    return decisionColumns(change);
  }

  async exemptions(now: Date): Promise<GuardrailExemption[]> {
    return (await this.list({ state: 'active' }, now)).map(exemptionOf);
  }

  async unsettled(now: Date) {
    const rows = await this.rows()
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
    return rows.map(row => this.toItem(row, now));
  }

  async markApplied(ids: string[], now: Date) {
    if (ids.length === 0) return;
    await this.rows()
      .whereIn('id', ids)
      .whereNull('applied_at')
      .update({ applied_at: now });
  }

  async markRemoved(ids: string[], now: Date): Promise<string[]> {
    const marked: string[] = [];
    for (const id of ids) {
      const updated = await this.rows()
        .where({ id })
        .whereNull('removed_at')
        .update({ removed_at: now });
      if (updated > 0) marked.push(id);
    }
    return marked;
  }

  async remind(id: string, reminder: '7d' | '1d') {
    const earlier = reminder === '1d' ? ['7d'] : [];
    const updated = await this.rows()
      .where({ id })
      .where(q => q.whereNull('reminded').orWhereIn('reminded', earlier))
      .update({ reminded: reminder });
    return updated > 0;
  }
}
