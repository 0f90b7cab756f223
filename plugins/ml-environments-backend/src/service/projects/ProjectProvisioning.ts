import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  AccountStage,
  MlProjectRecord,
  MlProvisioningClaim,
  isAccountPatternId,
  validateGroupRef,
} from '@mlgov/plugin-ml-environments-common';
import { ProjectStore } from '../../database/ProjectStore';
import { ProjectAccess } from './ProjectAccess';
import { ProjectAdoption } from './ProjectAdoption';
import { ProjectRecords, normalizeGroupRef } from './ProjectRecords';
import { claimRefusal } from './claimRefusal';
import { retiredError } from './retiredError';

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
      /** Fails closed (503) until a complete snapshot and the configured adoptions are in. */
      adoption: Pick<ProjectAdoption, 'ready'>;
      lockMs?: number;
    },
  ) {}

  /** The task's user, or a 403 (audited) for anyone but the scaffolder acting for one. */
  private taskUser(credentials: BackstageCredentials, project: string) {
    return this.options.access.taskUserOf(credentials, (actor, reason) =>
      this.options.records.audit(actor, project, 'provision.refused', {
        reason,
      }),
    );
  }

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
    const actor = await this.taskUser(credentials, project);
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
    // Before the first complete read of AWS the name check sees nothing.
    await this.options.adoption.ready();
    const record = await this.options.store.getProject(project);

    const refusal = await claimRefusal(this.options, {
      credentials,
      actor,
      project,
      claim,
      owner,
      record,
    });
    if (refusal) return refuse(refusal);

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
      const now = result.record;
      return refuse(
        new ConflictError(
          !record && now?.lock
            ? `ML project ${project} was just started by task ${now.lock.taskId} (by ${now.lock.by}) while this task checked it; wait for that task to finish, then run again`
            : `ML project ${project} changed while this task checked it (${
                now
                  ? `owned by ${now.owner}, ${now.pattern} pattern`
                  : 'its record is gone'
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
    const actor = await this.taskUser(credentials, project);
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

  /**
   * Records what a task made and lets go of the project. Only the task that
   * holds the project, for the user who started it, may; each account must
   * be, as AWS says now, this project's (its tags, set by the suite's run)
   * and no other live project's (the database's constraint).
   */
  async complete(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
    accounts: Array<{ stage: AccountStage; accountId: string }>,
    /** The Studio profiles the task ensured for the owner group's members. */
    studioProfiles: string[] = [],
  ) {
    const actor = await this.taskUser(credentials, project);
    const { store, records } = this.options;
    const record = await records.recordOrNotFound(project);
    const holder = { taskId, by: actor.ref };
    if (record.lock?.taskId !== taskId || record.lock.by !== actor.ref) {
      throw new ConflictError(
        `Task ${taskId}, for ${actor.ref}, does not hold ML project ${project}`,
      );
    }
    const refuse = async (reason: string): Promise<never> => {
      await store.releaseProject(project, holder);
      await records.audit(actor.ref, project, 'provision.refused', {
        taskId,
        accounts,
        reason,
      });
      throw new ConflictError(reason);
    };
    const stages = accounts.map(a => a.stage);
    if (new Set(stages).size !== stages.length) {
      return refuse(
        `A project has one account per stage; the task reported ${stages.join(
          ', ',
        )}`,
      );
    }
    const elsewhere = (await store.accountOwners(accounts)).filter(
      o => o.project !== project,
    );
    const problems = [
      ...elsewhere.map(
        o => `account ${o.accountId} belongs to ML project ${o.project}`,
      ),
      ...(await records.accountProblems(record, accounts)),
    ];
    if (problems.length > 0) {
      return refuse(
        `ML project ${project} was not given these accounts, because ${problems.join(
          '; ',
        )}`,
      );
    }
    const completed = await store.completeProject(project, holder, accounts);
    if (completed.kind === 'not-held') {
      throw new ConflictError(
        `Task ${taskId}, for ${actor.ref}, no longer holds ML project ${project}`,
      );
    }
    if (completed.kind === 'taken') {
      return refuse(
        `ML project ${project} was not given these accounts, because ${completed.owners
          .filter(o => o.project !== project)
          .map(o => `account ${o.accountId} belongs to ML project ${o.project}`)
          .join('; ')}`,
      );
    }
    await store.recordStudioProfiles(project, studioProfiles);
    await records.audit(actor.ref, project, 'provision.complete', {
      taskId,
      accounts,
      studioProfiles,
    });
    return completed.record;
  }

  /** A task that failed lets go of the project, so a re-run can start. */
  async release(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
  ) {
    const actor = await this.taskUser(credentials, project);
    if (
      !(await this.options.store.releaseProject(project, {
        taskId,
        by: actor.ref,
      }))
    ) {
      const record = await this.options.records.recordOrNotFound(project);
      // Already let go (a retried release) is fine, for its owners; someone else's hold is not.
      if (!(await this.options.access.mayChange(credentials, actor, record))) {
        throw new NotAllowedError(
          `${actor.ref} may not change ML project ${project}: it is owned by ${record.owner}, and only its members can change it`,
        );
      }
      if (record.lock) {
        throw new ConflictError(
          `Task ${taskId}, for ${actor.ref}, does not hold ML project ${project}`,
        );
      }
    }
  }
}
