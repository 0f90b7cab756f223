import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DataGrant,
  DataGrantRequest,
  DataGrantState,
  MlProjectRecord,
  mlEnvironmentsDataAccessApprovePermission,
  mlProjectDataAccessRequestPermission,
  mlProjectDataAccessRevokePermission,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  ensureDataAccessGranted,
  ensureDataAccessRevoked,
} from '@mlgov/plugin-ml-environments-node';
import { randomUUID } from 'node:crypto';
import { DataLakeConfig } from '../../config';
import { DataGrantStore } from '../../database/DataGrantStore';
import { retiredError } from '../projects/ProjectProvisioning';
import { ProjectAccess } from '../projects/ProjectAccess';
import { ProjectRecords } from '../projects/ProjectRecords';
import { ProjectRegistry } from '../projects/ProjectRegistry';
import { notifyGroups } from '../notifyGroups';

/** The notifications' topic, for users to filter or mute them. */
export const DATA_ACCESS_TOPIC = 'ml-environments-data-access';

/** Who decided a self-service grant, in the record and the audit trail. */
export const SELF_SERVICE = 'self-service';

/**
 * Read access to the data lake from request to revocation: a project's
 * owner group asks for one of its accounts, a data owner approves (or the
 * database is self-service), and the backend grants it in Lake Formation
 * from the data lake account; a revocation takes it away again. The record
 * decides; Lake Formation is brought in line with it, looking before it
 * changes, so a repeated call grants or revokes nothing twice.
 */
export class DataGrants {
  constructor(
    private readonly options: {
      store: DataGrantStore;
      projects: Pick<ProjectRegistry, 'authorizeStatusRead'>;
      access: ProjectAccess;
      records: ProjectRecords;
      clients: Pick<MlAwsClients, 'forAccount'>;
      dataLake?: DataLakeConfig;
      notifications: NotificationService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async list(
    credentials: BackstageCredentials,
    filter: { project?: string; state?: DataGrantState },
  ) {
    await this.options.projects.authorizeStatusRead(
      credentials,
      filter.project,
    );
    return this.options.store.list(filter, this.now());
  }

  /** The project's pending and active grants, without a permission check. */
  async open(project: string) {
    return (await this.options.store.list({ project }, this.now())).filter(
      g => g.state === 'pending' || g.state === 'active',
    );
  }

  /**
   * Records a request; an open one for the same account and database is
   * answered as it is (`created: false`), so a re-run asks nothing twice.
   */
  async request(
    credentials: BackstageCredentials,
    project: string,
    request: DataGrantRequest,
  ): Promise<{ grant: DataGrant; created: boolean }> {
    const { access, records, store } = this.options;
    const dataLake = this.dataLake();
    const actor = await access.userOf(credentials);
    const record = await records.recordOrNotFound(project);
    if (record.retirement) throw retiredError(record);
    await access.authorizeOn(
      credentials,
      mlProjectDataAccessRequestPermission,
      record,
    );
    if (!actor.ownership.includes(record.owner)) {
      throw new NotAllowedError(
        `${actor.ref} may not ask for data access for ${project}: it is owned by ${record.owner}, and only its members can`,
      );
    }
    accountOf(record, request.accountId);
    await records.requireActive(
      project,
      [request.accountId],
      `Data access to ${request.database}`,
    );
    const open = (await this.open(project)).find(
      g => g.accountId === request.accountId && g.database === request.database,
    );
    const selfService = dataLake.selfService.includes(request.database);
    if (open) {
      // A self-service grant whose Lake Formation call failed is retried.
      const retry = open.state === 'pending' && selfService;
      return {
        grant: retry ? await this.grant(open, SELF_SERVICE) : open,
        created: false,
      };
    }

    const grant = await store.add(
      {
        id: randomUUID(),
        project,
        accountId: request.accountId,
        database: request.database,
        reason: request.reason.trim(),
        requestedBy: actor.ref,
      },
      this.now(),
    );
    await records.audit(actor.ref, project, 'data.request', {
      grantId: grant.id,
      accountId: grant.accountId,
      database: grant.database,
    });
    if (selfService) {
      return { grant: await this.grant(grant, SELF_SERVICE), created: true };
    }
    await this.tell(
      dataLake.ownerGroups,
      project,
      `${project} asks to read ${grant.database}`,
      `${grant.requestedBy} asks for account ${grant.accountId}: ${grant.reason}`,
    );
    return { grant, created: true };
  }

  async approve(credentials: BackstageCredentials, id: string, note?: string) {
    const actor = await this.options.access.userOf(credentials);
    const grant = await this.getOrNotFound(id);
    await this.authorizeDataOwner(credentials, actor);
    if (grant.requestedBy === actor.ref) {
      throw new NotAllowedError(
        'Data access is approved by a data owner other than the one who asked for it',
      );
    }
    if (grant.state !== 'pending') {
      throw new ConflictError(
        `Data grant ${id} is ${grant.state}, not pending`,
      );
    }
    return this.grant(grant, actor.ref, note);
  }

  async reject(credentials: BackstageCredentials, id: string, note?: string) {
    const actor = await this.options.access.userOf(credentials);
    const grant = await this.getOrNotFound(id);
    await this.authorizeDataOwner(credentials, actor);
    const rejected = await this.options.store.move(
      id,
      ['pending'],
      'rejected',
      {
        by: actor.ref,
        note,
        at: this.now(),
      },
    );
    if (!rejected) {
      throw new ConflictError(
        `Data grant ${id} is ${grant.state}, not pending`,
      );
    }
    await this.decided(rejected, 'reject', actor.ref, note);
    return rejected;
  }

  /** Ends a pending or active grant, revoking it in Lake Formation first. */
  async revoke(credentials: BackstageCredentials, id: string, note?: string) {
    const { access, records } = this.options;
    const actor = await access.userOf(credentials);
    const grant = await this.getOrNotFound(id);
    const record = await records.recordOrNotFound(grant.project);
    const owner = await access.ownerAllowed(
      credentials,
      actor,
      record,
      mlProjectDataAccessRevokePermission,
    );
    if (!owner && !(await this.isDataOwner(credentials, actor))) {
      throw new NotAllowedError(
        `${actor.ref} may not revoke data grants of ${record.project}: only members of ${record.owner} or of the data owner groups can`,
      );
    }
    if (grant.state !== 'pending' && grant.state !== 'active') {
      throw new ConflictError(
        `Data grant ${id} is ${grant.state}; only pending or active ones can be revoked`,
      );
    }
    if (grant.state === 'active') {
      await ensureDataAccessRevoked(await this.lakeFormation(), {
        catalogId: this.dataLake().accountId,
        database: grant.database,
        accountId: grant.accountId,
      });
    }
    const revoked = await this.options.store.move(
      id,
      ['pending', 'active'],
      'revoked',
      { by: actor.ref, note, at: this.now() },
    );
    if (!revoked) {
      throw new ConflictError(`Data grant ${id} changed meanwhile; reload it`);
    }
    await records.audit(actor.ref, grant.project, 'data.revoke', {
      grantId: id,
      note,
    });
    await this.tell(
      [record.owner],
      grant.project,
      `${grant.project}: read access to ${grant.database} revoked`,
      `${actor.ref} revoked it for account ${grant.accountId}${
        note ? `: ${note}` : ''
      }.`,
    );
    return revoked;
  }

  /** Grants in Lake Formation, then records it: a failed grant stays pending. */
  private async grant(grant: DataGrant, by: string, note?: string) {
    // AWS at this moment, not the snapshot: a closing account gets nothing.
    await this.options.records.requireActive(
      grant.project,
      [grant.accountId],
      `Data access to ${grant.database}`,
    );
    await ensureDataAccessGranted(await this.lakeFormation(), {
      catalogId: this.dataLake().accountId,
      database: grant.database,
      accountId: grant.accountId,
    });
    const granted = await this.options.store.move(
      grant.id,
      ['pending'],
      'active',
      { by, note, at: this.now() },
    );
    if (!granted) {
      throw new ConflictError(
        `Data grant ${grant.id} was decided meanwhile; reload it`,
      );
    }
    await this.decided(granted, 'approve', by, note);
    return granted;
  }

  private async decided(
    grant: DataGrant,
    action: 'approve' | 'reject',
    by: string,
    note?: string,
  ) {
    const record = await this.options.records.find(grant.project);
    await this.options.records.audit(by, grant.project, `data.${action}`, {
      grantId: grant.id,
      database: grant.database,
      note,
    });
    if (record) {
      await this.tell(
        [record.owner],
        grant.project,
        `${grant.project}: read access to ${grant.database} ${grant.state}`,
        `${by} ${
          action === 'approve' ? 'granted' : 'rejected'
        } it for account ${grant.accountId}${note ? `: ${note}` : ''}.`,
      );
    }
  }

  private dataLake(): DataLakeConfig {
    if (!this.options.dataLake) {
      throw new ConflictError(
        'No data lake is configured: set mlEnvironments.dataLake.accountId to the account whose Lake Formation grants access',
      );
    }
    return this.options.dataLake;
  }

  private async lakeFormation() {
    return (await this.options.clients.forAccount(this.dataLake().accountId))
      .lakeFormation;
  }

  private isDataOwner(
    credentials: BackstageCredentials,
    actor: { ownership: string[] },
  ) {
    return this.options.access.memberAllowed(
      credentials,
      actor,
      this.options.dataLake?.ownerGroups ?? [],
      mlEnvironmentsDataAccessApprovePermission,
    );
  }

  private authorizeDataOwner(
    credentials: BackstageCredentials,
    actor: { ownership: string[] },
  ) {
    return this.options.access.requireMemberAllowed(
      credentials,
      actor,
      {
        groups: this.options.dataLake?.ownerGroups ?? [],
        what: 'data access is',
        setting: 'mlEnvironments.dataLake.ownerGroups',
      },
      mlEnvironmentsDataAccessApprovePermission,
    );
  }

  private async getOrNotFound(id: string) {
    const grant = await this.options.store.get(id, this.now());
    if (!grant) throw new NotFoundError(`No data grant ${id}`);
    return grant;
  }

  private tell(
    groups: string[],
    project: string,
    title: string,
    description: string,
  ) {
    return notifyGroups(this.options, groups, {
      project,
      title,
      description,
      topic: DATA_ACCESS_TOPIC,
    });
  }

  private now() {
    return (this.options.now ?? (() => new Date()))();
  }
}

function accountOf(record: MlProjectRecord, accountId: string) {
  if (!record.accounts.some(a => a.accountId === accountId)) {
    throw new InputError(
      `Account ${accountId} is not one of ${record.project}'s (${record.accounts
        .map(a => `${a.stage}: ${a.accountId}`)
        .join(', ')}); ask for one of them`,
    );
  }
}
