import {
  DataGrant,
  DataGrantApproval,
  DataGrantState,
} from '@mlgov/plugin-ml-environments-common';
import { Knex } from 'knex';
import {
  ApprovalChange,
  ApprovalRequestRow,
  ApprovalStore,
  DatabaseApprovalStore,
  approvalFields,
  decisionColumns,
  iso,
} from './ApprovalStore';

/** Who decided a self-service request (ApprovalWorkflow's SELF_SERVICE). */
const SELF_SERVICE = 'self-service';

/**
 * What a grant withholds, decided from the dataset's classification when it
 * was asked (see redactionFor): every table of the database at that time,
 * the PII columns per table and the tables left out, and why.
 */
export interface StoredRedaction {
  sensitive: boolean;
  tables: string[];
  withheld: Array<{ table: string; columns: string[] }>;
  withheldTables: string[];
  reason?: string;
  /**
   * Granted to a dev or sandbox account: table by table (the tables read
   * when it was applied), never the table wildcard that would reach a
   * table added later. Absent on rows from before it was recorded.
   */
  devStage?: boolean;
}

/** A data grant as it is asked for. */
export type DataGrantRequestRow = ApprovalRequestRow & {
  database: string;
  redaction?: StoredRedaction;
};

/** The stored redaction of a grant, for the policy that applies it. */
export function redactionOf(grant: DataGrant): StoredRedaction | undefined {
  return (grant as DataGrant & { redaction?: StoredRedaction }).redaction;
}

const parsed = <T>(text: string | null | undefined): T | undefined =>
  text ? (JSON.parse(text) as T) : undefined;

/**
 * The suite's record of data grants: the authority on which project
 * accounts may read which data-lake databases.
 */
export type DataGrantStore = ApprovalStore<
  DataGrant,
  DataGrantRequestRow,
  DataGrantState,
  DataGrantState
> & {
  setRedaction(
    id: string,
    state: DataGrantState,
    redaction: StoredRedaction,
  ): Promise<boolean>;
};

/** The data grants on the plugin's database. */
export class DatabaseDataGrantStore
  extends DatabaseApprovalStore<
    DataGrant,
    DataGrantRequestRow,
    DataGrantState,
    DataGrantState
  >
  implements DataGrantStore
{
  constructor(db: Knex) {
    super(db, 'ml_environments_data_grants', 'state');
  }

  protected toItem(row: any): DataGrant {
    const redaction = parsed<StoredRedaction>(row.redaction);
    const earlier = parsed<DataGrantApproval[]>(row.approvals) ?? [];
    // The final approval is the decision itself (decided_by when granted).
    const final =
      row.granted_at && row.decided_by !== SELF_SERVICE
        ? [
            {
              by: row.decided_by,
              at: iso(row.decided_at)!,
              ...(row.decision_note ? { note: row.decision_note } : {}),
            },
          ]
        : [];
    const item = {
      ...approvalFields(row, {
        grantedAt: iso(row.granted_at),
        revokedAt: iso(row.revoked_at),
      }),
      database: row.database,
      state: row.state,
      approvals: [...earlier, ...final],
      approvalsNeeded: redaction?.sensitive ? 2 : 1,
      ...(redaction
        ? {
            sensitive: redaction.sensitive,
            ...(redaction.withheld.length
              ? { withheldColumns: redaction.withheld }
              : {}),
            ...(redaction.withheldTables.length
              ? { withheldTables: redaction.withheldTables }
              : {}),
            ...(redaction.reason ? { withheldReason: redaction.reason } : {}),
          }
        : {}),
    } as DataGrant;
    // Kept off the JSON answer, for the policy that applies it.
    Object.defineProperty(item, 'redaction', {
      value: redaction,
      enumerable: false,
    });
    return item;
  }

  protected columnsOf(request: DataGrantRequestRow) {
    return {
      database: request.database,
      redaction: request.redaction ? JSON.stringify(request.redaction) : null,
    };
  }

  /**
   * Records the redaction read again before the grant is applied, unless
   * the grant left `state` meanwhile.
   */
  async setRedaction(
    id: string,
    state: DataGrantState,
    redaction: StoredRedaction,
  ) {
    const updated = await this.rows()
      .where({ id, state })
      .update({ redaction: JSON.stringify(redaction) });
    return updated > 0;
  }

  async addApproval(id: string, change: ApprovalChange) {
    // Read, then write only if nobody changed the row meanwhile.
    const row = await this.rows().where({ id, state: 'pending' }).first();
    if (!row) return undefined;
    const approvals = [
      ...(parsed<DataGrantApproval[]>(row.approvals) ?? []),
      {
        by: change.by,
        at: change.at.toISOString(),
        ...(change.note ? { note: change.note } : {}),
      },
    ];
    const updated = await this.rows()
      .where({ id, state: 'pending' })
      .where(query =>
        row.approvals === null
          ? query.whereNull('approvals')
          : query.where({ approvals: row.approvals }),
      )
      .update({ approvals: JSON.stringify(approvals) });
    return updated > 0 ? this.get(id, change.at) : undefined;
  }

  protected whereState(query: Knex.QueryBuilder, state: DataGrantState) {
    return query.where({ state });
  }

  protected moveColumns(to: DataGrantState, change: ApprovalChange) {
    return {
      // A revocation keeps who granted it; the audit says who revoked.
      ...(to === 'revoked'
        ? { revoked_at: change.at }
        : decisionColumns(change)),
      ...(to === 'active' ? { granted_at: change.at } : {}),
    };
  }
}
