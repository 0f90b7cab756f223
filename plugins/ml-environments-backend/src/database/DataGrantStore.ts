import {
  DataGrant,
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

/** A data grant as it is asked for. */
export type DataGrantRequestRow = ApprovalRequestRow & { database: string };

/**
 * The suite's record of data grants: the authority on which project
 * accounts may read which data-lake databases.
 */
export type DataGrantStore = ApprovalStore<
  DataGrant,
  DataGrantRequestRow,
  DataGrantState,
  DataGrantState
>;

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
    return {
      ...approvalFields(row, {
        grantedAt: iso(row.granted_at),
        revokedAt: iso(row.revoked_at),
      }),
      database: row.database,
      state: row.state,
    } as DataGrant;
  }

  protected columnsOf(request: DataGrantRequestRow) {
    return { database: request.database };
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
