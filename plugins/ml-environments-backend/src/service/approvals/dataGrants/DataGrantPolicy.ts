import { ConflictError } from '@backstage/errors';
import {
  DataGrant,
  DataGrantRequest,
  DataGrantState,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  grantProjectDataAccess,
  readProjectDataAccess,
  revokeProjectDataAccess,
} from '@mlgov/plugin-ml-environments-node';
import { DataLakeConfig } from '../../../config';
import { ProjectRecords } from '../../projects/ProjectRecords';
import { ApprovalDecision, ApprovalPolicy } from '../ApprovalPolicy';
import { APPROVAL_KINDS } from '../kinds';

const DONE = { approve: 'granted', reject: 'rejected', revoke: 'revoked' };

/**
 * Read access of a project account to a data-lake database, granted in Lake
 * Formation from the data lake account once a data owner approves (at once
 * for a self-service database) and passed on in the project account to its
 * Studio roles through a resource link (grantProjectDataAccess); revoked
 * in both before it is recorded revoked. Lake Formation is looked at before it is changed, so a repeated
 * call grants or revokes nothing twice; a grant that fails stays pending.
 */
export class DataGrantPolicy
  implements ApprovalPolicy<DataGrant, DataGrantRequest, DataGrantState>
{
  readonly kind = APPROVAL_KINDS.dataGrant;
  readonly deciderGroups: string[];
  readonly approvedState = 'active';

  constructor(
    private readonly options: {
      dataLake?: DataLakeConfig;
      clients: Pick<MlAwsClients, 'forAccount'>;
      records: Pick<ProjectRecords, 'requireActive'>;
    },
  ) {
    this.deciderGroups = options.dataLake?.ownerGroups ?? [];
  }

  available() {
    this.dataLake();
  }

  async problems() {
    return [];
  }

  sameAs(open: DataGrant, request: DataGrantRequest) {
    return (
      open.accountId === request.accountId && open.database === request.database
    );
  }

  fieldsOf(request: DataGrantRequest) {
    return { database: request.database };
  }

  what(subject: { database: string }) {
    return `Data access to ${subject.database}`;
  }

  approvesOnRequest(grant: DataGrant) {
    return this.dataLake().selfService.includes(grant.database);
  }

  async beforeApprove(grant: DataGrant) {
    // AWS at this moment, not the snapshot: a closing account gets nothing.
    await this.options.records.requireActive(
      grant.project,
      [grant.accountId],
      this.what(grant),
    );
    await grantProjectDataAccess(this.options.clients, this.accessOf(grant));
  }

  async beforeRevoke(grant: DataGrant) {
    if (grant.state !== 'active') return;
    await revokeProjectDataAccess(this.options.clients, this.accessOf(grant));
  }

  /**
   * What the project account holds of an active grant now (the resource
   * link, the Studio roles' grants), read without changing anything.
   */
  async readAccess(grant: DataGrant) {
    return readProjectDataAccess(this.options.clients, this.accessOf(grant));
  }

  async afterDecision() {}

  detail(grant: DataGrant) {
    return {
      grantId: grant.id,
      accountId: grant.accountId,
      database: grant.database,
    };
  }

  requestNotice(g: DataGrant) {
    return {
      title: `${g.project} asks to read ${g.database}`,
      description: `${g.requestedBy} asks for account ${g.accountId}: ${g.reason}`,
    };
  }

  decisionNotice(
    g: DataGrant,
    decision: ApprovalDecision,
    by: string,
    note?: string,
  ) {
    return {
      title: `${g.project}: read access to ${g.database} ${g.state}`,
      description: `${by} ${DONE[decision]} it for account ${g.accountId}${
        note ? `: ${note}` : ''
      }.`,
    };
  }

  private dataLake(): DataLakeConfig {
    if (!this.options.dataLake) {
      throw new ConflictError(
        'No data lake is configured: set mlEnvironments.dataLake.accountId to the account whose Lake Formation grants access',
      );
    }
    return this.options.dataLake;
  }

  private accessOf(grant: DataGrant) {
    return {
      catalogId: this.dataLake().accountId,
      database: grant.database,
      accountId: grant.accountId,
    };
  }
}
