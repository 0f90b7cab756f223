import { ConflictError, InputError } from '@backstage/errors';
import {
  DataGrant,
  DataGrantRequest,
  DataGrantState,
  redactionFor,
} from '@mlgov/plugin-ml-environments-common';
import {
  DataAccess,
  MlAwsClients,
  grantProjectDataAccess,
  readProjectDataAccess,
  readDatasetClassification,
  revokeProjectDataAccess,
} from '@mlgov/plugin-ml-environments-node';
import { redactionOf } from '../../../database/DataGrantStore';
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

  /**
   * The dataset's classification, read now from the data lake's LF-tags:
   * what a grant to this account withholds, and whether it is sensitive
   * (then two data owners approve). A database the catalog lacks is refused.
   */
  async fieldsOf(
    request: DataGrantRequest,
    record: { accounts: Array<{ accountId: string; stage: string }> },
  ) {
    const { accountId } = this.dataLake();
    const stage =
      record.accounts.find(a => a.accountId === request.accountId)?.stage ?? '';
    let dataset;
    try {
      dataset = await readDatasetClassification(
        await this.options.clients.forAccount(accountId),
        accountId,
        request.database,
      );
    } catch (error) {
      if ((error as Error).name !== 'EntityNotFoundException') throw error;
      throw new InputError(
        `Database ${request.database} is not in the data lake's catalog (account ${accountId}); ask for one of its databases`,
      );
    }
    const redaction = redactionFor(dataset, stage);
    return {
      database: request.database,
      redaction: { ...redaction, tables: dataset.tables.map(t => t.name) },
    };
  }

  approvalsNeeded(grant: DataGrant) {
    return redactionOf(grant)?.sensitive ? 2 : 1;
  }

  what(subject: { database: string }) {
    return `Data access to ${subject.database}`;
  }

  approvesOnRequest(grant: DataGrant) {
    // A sensitive dataset is never self-service: two data owners decide.
    return (
      this.dataLake().selfService.includes(grant.database) &&
      !redactionOf(grant)?.sensitive
    );
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
      ...(grant.withheldReason ? { withheld: withheldWords(grant) } : {}),
    };
  }

  requestNotice(g: DataGrant) {
    const sensitive = redactionOf(g)?.sensitive
      ? ` ${g.database} is classified sensitive: two data owners approve.${
          g.withheldReason ? ` Withheld: ${withheldWords(g)}.` : ''
        }`
      : '';
    return {
      title: `${g.project} asks to read ${g.database}`,
      description: `${g.requestedBy} asks for account ${g.accountId}: ${g.reason}.${sensitive}`,
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

  /** The Lake Formation access: every table, less what is withheld, when some is. */
  private accessOf(grant: DataGrant): DataAccess {
    const access = {
      catalogId: this.dataLake().accountId,
      database: grant.database,
      accountId: grant.accountId,
    };
    const redaction = redactionOf(grant);
    if (!redaction?.withheld.length && !redaction?.withheldTables.length) {
      return access;
    }
    const columns = new Map(redaction.withheld.map(w => [w.table, w.columns]));
    return {
      ...access,
      tables: redaction.tables
        .filter(t => !redaction.withheldTables.includes(t))
        .map(name => ({
          name,
          ...(columns.has(name) ? { excludedColumns: columns.get(name) } : {}),
        })),
    };
  }
}

/** The columns and tables a grant withholds, e.g. `orders.customer_email, customers (whole table)`. */
function withheldWords(grant: DataGrant) {
  return [
    ...(grant.withheldColumns ?? []).flatMap(w =>
      w.columns.map(c => `${w.table}.${c}`),
    ),
    ...(grant.withheldTables ?? []).map(t => `${t} (whole table)`),
  ].join(', ');
}
