import { ConflictError, InputError } from '@backstage/errors';
import {
  DataGrant,
  DataGrantRequest,
  DataGrantState,
} from '@mlgov/plugin-ml-environments-common';
import {
  DataAccess,
  MlAwsClients,
  ensureDataAccessRevoked,
  grantProjectDataAccess,
  readProjectDataAccess,
  revokeProjectDataAccess,
} from '@mlgov/plugin-ml-environments-node';
import { DataGrantStore, redactionOf } from '../../../database/DataGrantStore';
import {
  DatabaseNotFound,
  readRedaction,
  sameRedaction,
  tighterBy,
} from './grantClassification';
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
      records: Pick<ProjectRecords, 'requireActive' | 'recordOrNotFound'>;
      store: Pick<DataGrantStore, 'get' | 'setRedaction'>;
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
    try {
      const redaction = await this.redactionNow(request, record);
      return { database: request.database, redaction };
    } catch (error) {
      if (!(error instanceof DatabaseNotFound)) throw error;
      throw new InputError(
        `Database ${request.database} is not in the data lake's catalog (account ${accountId}); ask for one of its databases`,
      );
    }
  }

  /**
   * The grant with its classification read again from Lake Formation, right
   * before it is applied: the one stored at the request may be stale (the
   * data owners tag a column confidential meanwhile) or missing (a row from
   * before classifications were recorded). A pending grant that now asks
   * more keeps waiting for what it asks now (`changed` says why); an active
   * one is not applied again.
   */
  async refresh(
    grant: DataGrant,
  ): Promise<{ item: DataGrant; changed?: string }> {
    const record = await this.options.records.recordOrNotFound(grant.project);
    let now;
    try {
      now = await this.redactionNow(grant, record);
    } catch (error) {
      if (!(error instanceof DatabaseNotFound)) throw error;
      throw new ConflictError(
        `Database ${
          grant.database
        } is no longer in the data lake's catalog (account ${
          this.dataLake().accountId
        }); nothing was granted. Reject or revoke data grant ${grant.id}`,
      );
    }
    const before = redactionOf(grant);
    const changed = tighterBy(before, now, grant.database);
    if (changed && grant.state !== 'pending') {
      throw new ConflictError(
        `${changed} Data grant ${grant.id} was granted before that; nothing was applied again. A data owner revokes it and the project asks again, for the data owners to decide on the dataset as it is classified now`,
      );
    }
    // An active grant keeps withholding what it did (less is a new request),
    // so that its revoke takes all it granted.
    const kept =
      grant.state === 'pending' || !before
        ? now
        : { ...before, tables: now.tables, devStage: now.devStage };
    if (sameRedaction(before, kept)) return { item: grant };
    const stored = changed
      ? { ...now, reason: [changed, now.reason].filter(Boolean).join(' ') }
      : kept;
    const at = new Date();
    if (
      !(await this.options.store.setRedaction(grant.id, grant.state, stored))
    ) {
      throw new ConflictError(
        `Data grant ${grant.id} was decided meanwhile; reload it`,
      );
    }
    return {
      item: (await this.options.store.get(grant.id, at)) ?? grant,
      changed,
    };
  }

  approvalsNeeded(grant: DataGrant) {
    // No classification recorded is not "nothing sensitive": fail closed.
    return redactionOf(grant)?.sensitive === false ? 1 : 2;
  }

  what(subject: { database: string }) {
    return `Data access to ${subject.database}`;
  }

  approvesOnRequest(grant: DataGrant) {
    // Sensitive is never self-service; a retry is classified again first.
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
    const access = this.accessOf(grant);
    await revokeProjectDataAccess(this.options.clients, access);
    if (access.tables) {
      // A dev grant applied before it was granted table by table holds the
      // table wildcard: taken too (each revoke looks first).
      const { tables: _, ...wildcard } = access;
      const lake = await this.options.clients.forAccount(access.catalogId);
      await ensureDataAccessRevoked(lake.lakeFormation, wildcard);
    }
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
      ...(grant.withheldReason
        ? { withheld: withheldWords(grant), why: grant.withheldReason }
        : {}),
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

  private redactionNow(
    subject: { accountId: string; database: string },
    record: { accounts: Array<{ accountId: string; stage: string }> },
  ) {
    const stage =
      record.accounts.find(a => a.accountId === subject.accountId)?.stage ?? '';
    const { accountId } = this.dataLake();
    return readRedaction(
      this.options.clients,
      accountId,
      subject.database,
      stage,
    );
  }

  /**
   * The Lake Formation access: to a dev or sandbox account (or when some is
   * withheld) the tables read when it was applied, one by one, less what is
   * withheld, so that a table added later (perhaps PII) reaches no dev
   * account unasked; to any other account every table, present and future,
   * through the table wildcard.
   */
  private accessOf(grant: DataGrant): DataAccess {
    const access = {
      catalogId: this.dataLake().accountId,
      database: grant.database,
      accountId: grant.accountId,
    };
    const redaction = redactionOf(grant);
    if (
      !redaction ||
      (!redaction.devStage &&
        !redaction.withheld.length &&
        !redaction.withheldTables.length)
    ) {
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
