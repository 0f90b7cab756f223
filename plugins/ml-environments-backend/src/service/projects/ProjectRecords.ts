import { AuditorService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ACCOUNT_TAGS,
  AccountStage,
  MlProjectAuditEntry,
  MlProjectRecord,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  inactiveAccountProblems,
  projectAccountProblems,
} from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsStore } from '../../database/MlEnvironmentsStore';
import { ProjectStore } from '../../database/ProjectStore';

/**
 * The suite's records of projects and their audit; what the snapshot's tags
 * and AWS at this moment say of their accounts. No permission check: the
 * callers decide which applies.
 */
export class ProjectRecords {
  constructor(
    private readonly options: {
      store: ProjectStore;
      auditor: AuditorService;
      snapshots: Pick<MlEnvironmentsStore, 'latestSnapshot'>;
      /** AWS, asked at the moment of a request what state and tags accounts have. */
      clients: Pick<MlAwsClients, 'organizations'>;
    },
  ) {}

  /** The record, if the project has one. */
  async find(project: string) {
    return this.options.store.getProject(project);
  }

  /** Recorded owner groups by project, for views that show owners. */
  async ownersByProject() {
    const records = await this.options.store.listProjects();
    return new Map(records.map(r => [r.project, r.owner]));
  }

  /**
   * What the organization view takes from the record: owners by project,
   * and each recorded account's project, stage and pattern by account id
   * (known before the snapshot has read the accounts' tags).
   */
  async organizationViewRecord() {
    const records = await this.options.store.listProjects();
    return {
      owners: new Map(records.map(r => [r.project, r.owner])),
      accounts: new Map(
        records.flatMap(r =>
          r.accounts.map(a => [
            a.accountId,
            { project: r.project, stage: a.stage, pattern: r.pattern },
          ]),
        ),
      ),
    };
  }

  async listAudit(options: { project?: string; limit: number }) {
    return this.options.store.listAudit(options);
  }

  /** Refuses when an account is not active now, as AWS says at this moment. */
  async requireActive(project: string, accountIds: string[], what: string) {
    const problems = await inactiveAccountProblems(
      await this.options.clients.organizations(),
      accountIds,
    );
    if (problems.length > 0) {
      throw new ConflictError(
        `${what} is not available for ML project ${project}: ${problems.join(
          '; ',
        )}`,
      );
    }
  }

  /**
   * What AWS says now of accounts a task reports for a project: problems in
   * words, none when they are the project's (by the tags its run set).
   */
  async accountProblems(
    record: MlProjectRecord,
    accounts: Array<{ stage: AccountStage; accountId: string }>,
  ) {
    return projectAccountProblems(
      await this.options.clients.organizations(),
      record,
      accounts,
    );
  }

  /** Accounts the latest snapshot ties to a project by its tag. */
  async taggedAccounts(project: string) {
    const snapshot = await this.options.snapshots.latestSnapshot();
    return snapshot?.accounts.filter(
      a => a.tags[ACCOUNT_TAGS.project] === project,
    );
  }

  async recordOrNotFound(project: string) {
    const record = await this.options.store.getProject(project);
    if (!record) {
      throw new NotFoundError(
        `ML project ${project} is not in the suite's record; projects are recorded when a template provisions them, or adopted by an administrator`,
      );
    }
    return record;
  }

  /** Audits an act on a project, in the auditor's log and the suite's own. */
  async audit(
    actor: string,
    project: string,
    action: MlProjectAuditEntry['action'],
    detail: Record<string, unknown>,
  ) {
    const event = await this.options.auditor.createEvent({
      eventId: `project-${action.replace('.', '-')}`,
      severityLevel: action === 'provision.refused' ? 'high' : 'medium',
      meta: { actor, project, ...(detail as any) },
    });
    await this.options.store.appendAudit({
      at: new Date().toISOString(),
      actor,
      project,
      action,
      detail,
    });
    await event.success();
  }
}

/** A group ref as records hold it: lower case, with its namespace. */
export function normalizeGroupRef(ref: string) {
  return stringifyEntityRef(parseEntityRef(ref.toLowerCase()));
}
