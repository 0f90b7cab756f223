import { Knex } from 'knex';

/** What every approval request holds, whatever it asks for. */
export interface ApprovalRequestRow {
  id: string;
  project: string;
  accountId: string;
  reason: string;
  requestedBy: string;
}

/** A decision or other move of a request, as the store records it. */
export interface ApprovalChange {
  by: string;
  note?: string;
  at: Date;
}

/**
 * The record of one kind of request (a guardrail exception, a data grant)
 * that is asked for, decided and revoked. `State` is what readers see,
 * `Stored` what the table holds (an exception's `active` is a stored
 * `approved` before its end). Rows are never deleted.
 */
export interface ApprovalStore<
  T extends { id: string },
  Request extends ApprovalRequestRow,
  State extends string,
  Stored extends string,
> {
  add(request: Request, now: Date): Promise<T>;
  get(id: string, now: Date): Promise<T | undefined>;
  list(filter: { project?: string; state?: State }, now: Date): Promise<T[]>;
  /**
   * Moves a request from one of `from` to `to`; undefined when it was in
   * none of them (decided meanwhile, by this replica or another).
   */
  move(
    id: string,
    from: Stored[],
    to: Stored,
    change: ApprovalChange,
  ): Promise<T | undefined>;
  /**
   * Records one approval of a pending request that needs more than one
   * (a sensitive data grant); undefined when it is no longer pending.
   */
  addApproval?(id: string, change: ApprovalChange): Promise<T | undefined>;
}

export const iso = (value: Date | string | number | null | undefined) =>
  value === null || value === undefined
    ? undefined
    : new Date(value).toISOString();

/** The columns every request table shares, from a row, optional ones only when set. */
export function approvalFields(
  row: any,
  optional: Record<string, string | undefined> = {},
) {
  const all: Record<string, string | undefined> = {
    decidedBy: row.decided_by ?? undefined,
    decidedAt: iso(row.decided_at),
    decisionNote: row.decision_note ?? undefined,
    ...optional,
  };
  return {
    id: row.id as string,
    project: row.project as string,
    accountId: row.account_id as string,
    reason: row.reason as string,
    requestedBy: row.requested_by as string,
    requestedAt: iso(row.requested_at)!,
    ...Object.fromEntries(
      Object.entries(all).filter(([, v]) => v !== undefined),
    ),
  };
}

/** The columns a decision writes. */
export function decisionColumns(change: ApprovalChange) {
  return {
    decided_by: change.by,
    decided_at: change.at,
    decision_note: change.note ?? null,
  };
}

/**
 * One request table on the plugin's database; each kind says its own
 * columns, how a state is queried and what a move writes beside the state.
 */
export abstract class DatabaseApprovalStore<
  T extends { id: string },
  Request extends ApprovalRequestRow,
  State extends string,
  Stored extends string,
> implements ApprovalStore<T, Request, State, Stored>
{
  constructor(
    protected readonly db: Knex,
    private readonly table: string,
    /** The column of the stored state. */
    private readonly stateColumn: string,
  ) {}

  protected abstract toItem(row: any, now: Date): T;
  /** The kind's own columns of a new request. */
  protected abstract columnsOf(request: Request): Record<string, unknown>;
  /** Narrows a query to the requests in `state` at `now`. */
  protected abstract whereState(
    query: Knex.QueryBuilder,
    state: State,
    now: Date,
  ): Knex.QueryBuilder;
  /** What a move to `to` writes beside the state. */
  protected abstract moveColumns(
    to: Stored,
    change: ApprovalChange,
  ): Record<string, unknown>;

  protected rows() {
    return this.db(this.table);
  }

  async add(request: Request, now: Date): Promise<T> {
    await this.rows().insert({
      id: request.id,
      project: request.project,
      account_id: request.accountId,
      reason: request.reason,
      requested_by: request.requestedBy,
      requested_at: now,
      [this.stateColumn]: 'pending',
      ...this.columnsOf(request),
    });
    return (await this.get(request.id, now))!;
  }

  async get(id: string, now: Date): Promise<T | undefined> {
    const row = await this.rows().where({ id }).first();
    return row && this.toItem(row, now);
  }

  async list(
    filter: { project?: string; state?: State },
    now: Date,
  ): Promise<T[]> {
    let query = this.rows().orderBy('requested_at', 'desc').limit(1000);
    if (filter.project) query = query.where({ project: filter.project });
    if (filter.state) query = this.whereState(query, filter.state, now);
    return (await query).map(row => this.toItem(row, now));
  }

  async move(
    id: string,
    from: Stored[],
    to: Stored,
    change: ApprovalChange,
  ): Promise<T | undefined> {
    const updated = await this.rows()
      .where({ id })
      .whereIn(this.stateColumn, from)
      .update({ [this.stateColumn]: to, ...this.moveColumns(to, change) });
    return updated > 0 ? this.get(id, change.at) : undefined;
  }
}
