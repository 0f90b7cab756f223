import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  ACCOUNT_TAGS,
  AccountStage,
  MlProjectRecord,
  MlProvisioningClaim,
  isAccountPatternId,
  mlProjectCreatePermission,
  validateGroupRef,
} from '@mlgov/plugin-ml-environments-common';
import { ProjectStore } from '../database/ProjectStore';
import { ProjectAccess } from './ProjectAccess';
import { ProjectRecords, normalizeGroupRef } from './ProjectRecords';

/** How long a provisioning task holds its project unless it finishes first. */
const DEFAULT_LOCK_MS = 2 * 60 * 60 * 1000;

/**
 * What provisioning tasks ask of the record: may this user provision this
 * project as asked (held for the task while it runs), and what it made.
 */
export class ProjectProvisioning {
  constructor(
    private readonly options: {
      store: ProjectStore;
      access: ProjectAccess;
      records: ProjectRecords;
      lockMs?: number;
    },
  ) {}

  /**
   * Called by a provisioning task before its first AWS call: checks that the
   * task's user may provision this project with this pattern and owner, and
   * holds the project for the task. A dry run checks without holding.
   */
  async claim(
    credentials: BackstageCredentials,
    project: string,
    claim: MlProvisioningClaim,
  ): Promise<MlProjectRecord | undefined> {
    const actor = await this.options.access.userOf(credentials);
    const refuse = async (error: Error): Promise<never> => {
      await this.options.records.audit(
        actor.ref,
        project,
        'provision.refused',
        {
          taskId: claim.taskId,
          pattern: claim.pattern,
          owner: claim.owner,
          reason: error.message,
        },
      );
      throw error;
    };
    const ownerProblem = validateGroupRef(claim.owner);
    if (ownerProblem || !isAccountPatternId(claim.pattern)) {
      throw new InputError(ownerProblem ?? `Unknown pattern ${claim.pattern}`);
    }
    const owner = normalizeGroupRef(claim.owner);
    const record = await this.options.store.getProject(project);

    if (record?.retirement) {
      return refuse(retiredError(record));
    }
    if (record) {
      if (!(await this.options.access.mayChange(credentials, actor, record))) {
        return refuse(
          new NotAllowedError(
            `${actor.ref} may not provision ML project ${project}: it is owned by ${record.owner}, and only its members can change it`,
          ),
        );
      }
      if (record.pattern !== claim.pattern) {
        return refuse(
          new ConflictError(
            `ML project ${project} follows the ${record.pattern} pattern, not ${claim.pattern}; start a new project for a different pattern`,
          ),
        );
      }
      if (record.owner !== owner) {
        return refuse(
          new ConflictError(
            `ML project ${project} is owned by ${record.owner}, not ${owner}; an administrator moves a project to another group with aws:ml:transferProject`,
          ),
        );
      }
    } else {
      if (
        !(await this.options.access.allowed(
          credentials,
          mlProjectCreatePermission,
        ))
      ) {
        return refuse(
          new NotAllowedError(
            `${actor.ref} may not start new ML projects (${mlProjectCreatePermission.name})`,
          ),
        );
      }
      if (!actor.ownership.includes(owner)) {
        return refuse(
          new NotAllowedError(
            `${actor.ref} is not a member of ${owner}; pick a group you belong to as the project's owner`,
          ),
        );
      }
      await this.options.access.requireGroup(owner).catch(refuse);
      const tagged = (await this.options.records.taggedAccounts(project)) ?? [];
      if (tagged.length > 0) {
        return refuse(
          new ConflictError(
            `The name ${project} is taken: AWS accounts ${tagged
              .map(a => a.id)
              .join(', ')} are tagged ${
              ACCOUNT_TAGS.project
            }=${project} but the suite has no record of that project; choose another name, or ask an administrator to adopt it`,
          ),
        );
      }
    }

    if (claim.dryRun) return record;

    const result = await this.options.store.claimProject({
      project,
      taskId: claim.taskId,
      by: actor.ref,
      lockUntil: new Date(
        Date.now() + (this.options.lockMs ?? DEFAULT_LOCK_MS),
      ),
      expected: record && { owner: record.owner, pattern: record.pattern },
      create: { owner, pattern: claim.pattern },
    });
    if (result.kind === 'locked') {
      return refuse(
        new ConflictError(
          `ML project ${project} is being provisioned by task ${result.lock.taskId} (started by ${result.lock.by}); wait for it to finish, then run again`,
        ),
      );
    }
    if (result.kind === 'retired') {
      return refuse(retiredError(result.record));
    }
    if (result.kind === 'changed') {
      return refuse(
        new ConflictError(
          `ML project ${project} changed while this task checked it (now owned by ${
            result.record?.owner ?? 'nobody'
          }); run the template again`,
        ),
      );
    }
    await this.options.records.audit(actor.ref, project, 'provision.start', {
      taskId: claim.taskId,
      pattern: claim.pattern,
      owner,
      newProject: !record,
    });
    return result.record;
  }

  /**
   * For single-step actions on a project's accounts: the project must be
   * recorded, and the user allowed to provision it and in its owner group.
   */
  async checkChange(credentials: BackstageCredentials, project: string) {
    const actor = await this.options.access.userOf(credentials);
    const record = await this.options.records.recordOrNotFound(project);
    if (!(await this.options.access.mayChange(credentials, actor, record))) {
      const error = new NotAllowedError(
        `${actor.ref} may not change ML project ${project}: it is owned by ${record.owner}, and only its members can change it`,
      );
      await this.options.records.audit(
        actor.ref,
        project,
        'provision.refused',
        {
          reason: error.message,
        },
      );
      throw error;
    }
    if (record.retirement) throw retiredError(record);
    return record;
  }

  /** Records what a task made and lets go of the project. */
  async complete(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
    accounts: Array<{ stage: AccountStage; accountId: string }>,
    /** The Studio profiles the task ensured for the owner group's members. */
    studioProfiles: string[] = [],
  ) {
    const actor = await this.options.access.userOf(credentials);
    const record = await this.options.records.recordOrNotFound(project);
    if (record.lock?.taskId !== taskId) {
      throw new ConflictError(
        `Task ${taskId} does not hold ML project ${project}`,
      );
    }
    const completed = await this.options.store.completeProject(
      project,
      taskId,
      accounts,
    );
    await this.options.store.recordStudioProfiles(project, studioProfiles);
    await this.options.records.audit(actor.ref, project, 'provision.complete', {
      taskId,
      accounts,
      studioProfiles,
    });
    return completed!;
  }

  /** A task that failed lets go of the project, so a re-run can start. */
  async release(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
  ) {
    await this.options.access.userOf(credentials);
    await this.options.store.releaseProject(project, taskId);
  }
}

/** A retired project's name stays taken, so its history is never mixed with a new one. */
export function retiredError(record: MlProjectRecord) {
  const { retirement } = record;
  return new ConflictError(
    `ML project ${record.project} is ${
      retirement?.state ?? 'retired'
    } (asked by ${retirement?.requestedBy} on ${retirement?.requestedAt.slice(
      0,
      10,
    )}); it cannot be provisioned or changed again: start a project with a new name`,
  );
}
