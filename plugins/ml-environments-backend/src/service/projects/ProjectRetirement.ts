import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  DataGrant,
  GuardrailException,
  RetiredAccount,
  RetirementClaim,
  RetirementClaimed,
  inClosureWindow,
  mlProjectRetirePermission,
  validateRetirementRequest,
} from '@mlgov/plugin-ml-environments-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ProjectStore } from '../../database/ProjectStore';
import { ProjectAccess } from './ProjectAccess';
import { ProjectRecords } from './ProjectRecords';

const DEFAULT_LOCK_MS = 2 * 60 * 60 * 1000;

/**
 * What offboarding tasks ask of the record: may this user retire this
 * project (held for the task while it runs), and what became of its
 * accounts. The record is kept: a retired name is never provisioned again.
 */
export class ProjectRetirement {
  constructor(
    private readonly options: {
      store: ProjectStore;
      access: ProjectAccess;
      records: ProjectRecords;
      /** The project's pending and active guardrail exceptions. */
      exceptions: { open(project: string): Promise<GuardrailException[]> };
      /** The project's pending and active data grants. */
      dataGrants: { open(project: string): Promise<DataGrant[]> };
      /** mlEnvironments.permissions.adminGroups: they retire any project. */
      adminGroups: string[];
      /** Tells the owner group when its project is retired. */
      notifications?: NotificationService;
      lockMs?: number;
      now?: () => Date;
    },
  ) {}

  /**
   * Called by an offboarding task before its first AWS call. Refuses users
   * without ml-environments.project.retire on the record, and projects with
   * open exceptions unless the task revokes them in the same run. A retired
   * project is answered as it is, so a re-run changes nothing.
   */
  async claim(
    credentials: BackstageCredentials,
    project: string,
    claim: RetirementClaim,
  ): Promise<RetirementClaimed> {
    const { access, records, store } = this.options;
    const actor = await this.taskUser(credentials, project);
    const record = await records.recordOrNotFound(project);
    const refuse = async (error: Error): Promise<never> => {
      await records.audit(actor.ref, project, 'retire.refused', {
        taskId: claim.taskId,
        reason: error.message,
      });
      throw error;
    };
    // The policy decides, and the backend holds its own line: the owner
    // group's members or an administrator, whatever a policy allows.
    const member = [record.owner, ...this.options.adminGroups].some(g =>
      actor.ownership.includes(g),
    );
    if (
      !member ||
      !(await access.allowedOn(credentials, mlProjectRetirePermission, record))
    ) {
      return refuse(
        new NotAllowedError(
          `${actor.ref} may not retire ML project ${project}: only members of its owner group ${record.owner} and administrators can (${mlProjectRetirePermission.name})`,
        ),
      );
    }
    const problems = validateRetirementRequest({ project, ...claim });
    if (problems.length > 0) throw new InputError(problems.join('; '));

    const closuresInLast30Days = await this.closuresInLast30Days();
    // Only the suite's own profiles are the task's to delete.
    const studioProfiles = await store.studioProfilesMade(project);
    const nothingOpen = {
      openExceptions: [],
      openDataGrants: [],
      closuresInLast30Days,
      studioProfiles,
    };
    if (record.retirement?.state === 'retired') {
      return { record, ...nothingOpen };
    }
    const openExceptions = await this.options.exceptions.open(project);
    if (openExceptions.length > 0 && !claim.revokeOpenExceptions) {
      return refuse(
        new ConflictError(
          `ML project ${project} has open guardrail exceptions (${openExceptions
            .map(e => `${e.id}: ${e.guardrailId} on ${e.accountId}, ${e.state}`)
            .join(
              '; ',
            )}); revoke them in this run (revokeOpenExceptions) or first end them on the ML environment tab`,
        ),
      );
    }
    const openDataGrants = await this.options.dataGrants.open(project);
    if (openDataGrants.length > 0 && !claim.revokeDataGrants) {
      return refuse(
        new ConflictError(
          `ML project ${project} has open data grants (${openDataGrants
            .map(g => `${g.id}: ${g.database} for ${g.accountId}, ${g.state}`)
            .join(
              '; ',
            )}); revoke them in this run (revokeDataGrants) or first end them on the ML environment tab`,
        ),
      );
    }
    const open = {
      openExceptions,
      openDataGrants,
      closuresInLast30Days,
      studioProfiles,
    };
    if (claim.dryRun) return { record, ...open };

    const now = this.now();
    const result = await store.claimRetirement({
      project,
      taskId: claim.taskId,
      by: actor.ref,
      lockUntil: new Date(
        now.getTime() + (this.options.lockMs ?? DEFAULT_LOCK_MS),
      ),
      expectedOwner: record.owner,
      retirement: {
        state: 'retiring',
        reason: claim.reason.trim(),
        requestedBy: actor.ref,
        requestedAt: now.toISOString(),
        accounts: [],
      },
    });
    switch (result.kind) {
      case 'claimed':
        await records.audit(actor.ref, project, 'retire.start', {
          taskId: claim.taskId,
          reason: claim.reason.trim(),
          revokes: [...openExceptions, ...openDataGrants].map(o => o.id),
        });
        return { record: result.record, ...open };
      case 'retired':
        return { record: result.record, ...nothingOpen };
      case 'locked':
        return refuse(
          new ConflictError(
            `ML project ${project} is held by task ${result.lock.taskId} (started by ${result.lock.by}); wait for it to finish, then run again`,
          ),
        );
      default:
        return refuse(
          new ConflictError(
            `ML project ${project} changed while this task checked it; run the template again`,
          ),
        );
    }
  }

  /** Records what became of each account and marks the project retired. */
  async complete(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
    accounts: RetiredAccount[],
  ) {
    const { records, store } = this.options;
    const actor = await this.taskUser(credentials, project);
    const record = await records.recordOrNotFound(project);
    if (
      record.lock?.taskId !== taskId ||
      record.lock.by !== actor.ref ||
      !record.retirement
    ) {
      throw new ConflictError(
        `Task ${taskId}, for ${actor.ref}, is not retiring ML project ${project}; run the offboarding template`,
      );
    }
    const stray = accounts.filter(
      a => !record.accounts.some(r => r.accountId === a.accountId),
    );
    if (stray.length > 0) {
      throw new InputError(
        `Accounts ${stray
          .map(a => a.accountId)
          .join(
            ', ',
          )} are not ${project}'s; report only the project's accounts`,
      );
    }
    const open = [
      ...(await this.options.exceptions.open(project)),
      ...(await this.options.dataGrants.open(project)),
    ];
    if (open.length > 0) {
      throw new ConflictError(
        `ML project ${project} still has open guardrail exceptions or data grants (${open
          .map(o => o.id)
          .join(', ')}); revoke them, then run the offboarding again`,
      );
    }
    const retired = await store.completeRetirement(
      project,
      taskId,
      accounts,
      this.now(),
    );
    if (!retired) {
      throw new ConflictError(
        `Task ${taskId} no longer holds ML project ${project}; run the offboarding again`,
      );
    }
    await records.audit(actor.ref, project, 'retire.complete', {
      taskId,
      accounts,
    });
    await this.options.notifications?.send({
      recipients: { type: 'entity', entityRef: retired.owner },
      payload: {
        title: `${project} is retired`,
        description: `${actor.ref} retired ${project} (${
          retired.retirement?.reason
        }): ${accounts.length} account(s) ${
          accounts.some(a => a.closure === 'closing')
            ? 'suspended and closing'
            : 'suspended'
        }; its Studio access and shares are gone. The record and its history are kept.`,
        link: `/catalog/default/system/${project}/ml-environment`,
        severity: 'normal',
        topic: 'ml-environments-projects',
      },
    });
    return retired;
  }

  /** The task's user, or a 403 (audited) for anyone but the scaffolder acting for one. */
  private taskUser(credentials: BackstageCredentials, project: string) {
    return this.options.access.taskUserOf(credentials, (actor, reason) =>
      this.options.records.audit(actor, project, 'retire.refused', { reason }),
    );
  }

  /** The suite's own account closures in AWS's rolling 30-day window. */
  private async closuresInLast30Days() {
    const now = this.now();
    const projects = await this.options.store.listProjects();
    return projects
      .filter(p => inClosureWindow(p.retirement?.retiredAt, now))
      .flatMap(p => p.retirement!.accounts)
      .filter(a => a.closure === 'closing').length;
  }

  private now() {
    return (this.options.now ?? (() => new Date()))();
  }
}
