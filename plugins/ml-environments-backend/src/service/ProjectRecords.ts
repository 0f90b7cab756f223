import { AuditorService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  ACCOUNT_TAGS,
  MlProjectAuditEntry,
} from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsStore } from '../database/MlEnvironmentsStore';
import { ProjectStore } from '../database/ProjectStore';

/** The suite's records of projects, what AWS tags say of them, and their audit. */
export class ProjectRecords {
  constructor(
    private readonly options: {
      store: ProjectStore;
      auditor: AuditorService;
      snapshots: Pick<MlEnvironmentsStore, 'latestSnapshot'>;
    },
  ) {}

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
