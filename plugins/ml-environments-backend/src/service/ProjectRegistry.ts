import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ACCOUNT_TAGS,
  AccountStage,
  MlProjectAuditEntry,
  MlProjectRecord,
  MlProvisioningClaim,
  isAccountPatternId,
  mlProjectAdoptPermission,
  mlProjectCreatePermission,
  mlProjectReadPermission,
  mlProjectStudioUrlPermission,
  mlProjectTransferPermission,
  validateGroupRef,
} from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsStore } from '../database/MlEnvironmentsStore';
import { ProjectStore } from '../database/ProjectStore';
import { ProjectAccess } from './ProjectAccess';

/** How long a provisioning task holds its project unless it finishes first. */
const DEFAULT_LOCK_MS = 2 * 60 * 60 * 1000;

export interface ProjectRegistryOptions {
  store: ProjectStore;
  permissions: PermissionsService;
  permissionsRegistry: Pick<PermissionsRegistryService, 'getPermissionRuleset'>;
  userInfo: UserInfoService;
  auth: AuthService;
  catalog: CatalogService;
  auditor: AuditorService;
  /** The snapshots, for the accounts AWS says belong to a project (by tag). */
  snapshots: Pick<MlEnvironmentsStore, 'latestSnapshot'>;
  lockMs?: number;
}

/**
 * The authority on ML projects: who owns each one and who may act on it,
 * decided from the suite's own record and the permission framework, never
 * from catalog entities, annotations or template values.
 */
export class ProjectRegistry {
  private readonly access: ProjectAccess;

  constructor(private readonly options: ProjectRegistryOptions) {
    this.access = new ProjectAccess(options);
  }

  /** The record, without a permission check: for deciding which check applies. */
  async find(project: string) {
    return this.options.store.getProject(project);
  }

  /** Recorded owner groups by project, for views that show owners. */
  async ownersByProject() {
    const records = await this.options.store.listProjects();
    return new Map(records.map(r => [r.project, r.owner]));
  }

  /** The record of a project the user may read. */
  async get(credentials: BackstageCredentials, project: string) {
    const record = await this.recordOrNotFound(project);
    await this.access.authorizeOn(credentials, mlProjectReadPermission, record);
    return record;
  }

  /**
   * Called by a provisioning task before its first AWS call: checks that the
   * task's user may provision this project with this pattern and owner, and
   * holds the project for the task. A dry run checks without holding.
   */
  async claimProvisioning(
    credentials: BackstageCredentials,
    project: string,
    claim: MlProvisioningClaim,
  ): Promise<MlProjectRecord | undefined> {
    const actor = await this.access.userOf(credentials);
    const refuse = async (error: Error): Promise<never> => {
      await this.audit(actor.ref, project, 'provision.refused', {
        taskId: claim.taskId,
        pattern: claim.pattern,
        owner: claim.owner,
        reason: error.message,
      });
      throw error;
    };
    const ownerProblem = validateGroupRef(claim.owner);
    if (ownerProblem || !isAccountPatternId(claim.pattern)) {
      throw new InputError(ownerProblem ?? `Unknown pattern ${claim.pattern}`);
    }
    const owner = normalizeGroupRef(claim.owner);
    const record = await this.options.store.getProject(project);

    if (record) {
      if (!(await this.access.mayChange(credentials, actor, record))) {
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
        !(await this.access.allowed(credentials, mlProjectCreatePermission))
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
      await this.access.requireGroup(owner).catch(refuse);
      const tagged = (await this.taggedAccounts(project)) ?? [];
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
    if (result.kind === 'changed') {
      return refuse(
        new ConflictError(
          `ML project ${project} changed while this task checked it (now owned by ${
            result.record?.owner ?? 'nobody'
          }); run the template again`,
        ),
      );
    }
    await this.audit(actor.ref, project, 'provision.start', {
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
    const actor = await this.access.userOf(credentials);
    const record = await this.recordOrNotFound(project);
    if (!(await this.access.mayChange(credentials, actor, record))) {
      const error = new NotAllowedError(
        `${actor.ref} may not change ML project ${project}: it is owned by ${record.owner}, and only its members can change it`,
      );
      await this.audit(actor.ref, project, 'provision.refused', {
        reason: error.message,
      });
      throw error;
    }
    return record;
  }

  /** Records what a task made and lets go of the project. */
  async completeProvisioning(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
    accounts: Array<{ stage: AccountStage; accountId: string }>,
  ) {
    const actor = await this.access.userOf(credentials);
    const record = await this.recordOrNotFound(project);
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
    await this.audit(actor.ref, project, 'provision.complete', {
      taskId,
      accounts,
    });
    return completed!;
  }

  /** A task that failed lets go of the project, so a re-run can start. */
  async releaseProvisioning(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
  ) {
    await this.access.userOf(credentials);
    await this.options.store.releaseProject(project, taskId);
  }

  async transfer(
    credentials: BackstageCredentials,
    project: string,
    newOwner: string,
    reason: string,
  ) {
    const actor = await this.access.userOf(credentials);
    const ownerProblem = validateGroupRef(newOwner);
    if (ownerProblem) throw new InputError(ownerProblem);
    if (!reason?.trim()) {
      throw new InputError('Say why the project changes owner (reason)');
    }
    const record = await this.recordOrNotFound(project);
    await this.access.authorizeOn(
      credentials,
      mlProjectTransferPermission,
      record,
    );
    const owner = normalizeGroupRef(newOwner);
    await this.access.requireGroup(owner);
    if (record.lock && new Date(record.lock.until) > new Date()) {
      throw new ConflictError(
        `ML project ${project} is being provisioned by task ${record.lock.taskId}; transfer it once that task ends`,
      );
    }
    const updated = await this.options.store.setOwner(project, owner);
    await this.audit(actor.ref, project, 'transfer', {
      from: record.owner,
      to: owner,
      reason,
    });
    return updated;
  }

  /** Takes a project that exists in AWS (by tags) but not in the record. */
  async adopt(
    credentials: BackstageCredentials,
    project: string,
    ownerRef: string,
  ) {
    const actor = await this.access.userOf(credentials);
    if (!(await this.access.allowed(credentials, mlProjectAdoptPermission))) {
      throw new NotAllowedError(
        `${actor.ref} may not adopt ML projects (${mlProjectAdoptPermission.name})`,
      );
    }
    const ownerProblem = validateGroupRef(ownerRef);
    if (ownerProblem) throw new InputError(ownerProblem);
    const owner = normalizeGroupRef(ownerRef);
    await this.access.requireGroup(owner);
    const record = await this.adoptionRecord(project, owner, actor.ref);
    if (!(await this.options.store.insertProject(record))) {
      throw new ConflictError(
        `ML project ${project} is already in the suite's record`,
      );
    }
    await this.audit(actor.ref, project, 'adopt', {
      owner,
      pattern: record.pattern,
      accounts: record.accounts,
    });
    return record;
  }

  /**
   * Adopts projects listed in configuration (written by the platform team),
   * once: a project already recorded is left as it is.
   */
  async adoptFromConfig(
    entries: Array<{ project: string; owner: string }>,
  ): Promise<string[]> {
    const adopted: string[] = [];
    for (const { project, owner } of entries) {
      if (await this.options.store.getProject(project)) continue;
      const record = await this.adoptionRecord(
        project,
        normalizeGroupRef(owner),
        'config:mlEnvironments.projects.adopt',
      ).catch(() => undefined);
      if (record && (await this.options.store.insertProject(record))) {
        await this.audit(record.createdBy, project, 'adopt', {
          owner: record.owner,
          pattern: record.pattern,
          accounts: record.accounts,
        });
        adopted.push(project);
      }
    }
    return adopted;
  }

  /** The user's Studio profile name, once the record says they may have one. */
  async authorizeStudio(credentials: BackstageCredentials, project: string) {
    const actor = await this.access.userOf(credentials);
    // An outright denial answers 403 before saying whether the project exists.
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: mlProjectStudioUrlPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `Not allowed: ${mlProjectStudioUrlPermission.name}`,
      );
    }
    const record = await this.recordOrNotFound(project);
    if (
      !this.access.conditionsAllow(decision, record) ||
      !actor.ownership.includes(record.owner)
    ) {
      throw new NotAllowedError(
        `Only members of ${record.owner}, which owns ${project}, can open its SageMaker Studio`,
      );
    }
    // Studio profiles are named after the user entity, e.g. user:default/jane-doe → jane-doe.
    return {
      profileName: parseEntityRef(actor.ref).name,
      actor: actor.ref,
      devAccountId: record.accounts.find(a => a.stage === 'dev')?.accountId,
    };
  }

  async recordStudioUrl(actor: string, project: string, profileName: string) {
    // Never the URL itself: it grants a session to whoever holds it.
    await this.audit(actor, project, 'studio-url', { profileName });
  }

  async listAudit(options: { project?: string; limit: number }) {
    return this.options.store.listAudit(options);
  }

  private async adoptionRecord(
    project: string,
    owner: string,
    by: string,
  ): Promise<MlProjectRecord> {
    const tagged = await this.taggedAccounts(project);
    if (!tagged?.length) {
      throw new NotFoundError(
        `No AWS account is tagged ${ACCOUNT_TAGS.project}=${project} in the latest snapshot; there is nothing to adopt`,
      );
    }
    const patterns = [
      ...new Set(tagged.map(a => a.tags[ACCOUNT_TAGS.pattern])),
    ];
    const pattern = patterns[0];
    if (patterns.length !== 1 || !isAccountPatternId(pattern)) {
      throw new ConflictError(
        `The accounts of ${project} carry ${
          ACCOUNT_TAGS.pattern
        } tags ${patterns.join(', ')}; fix them to one pattern before adopting`,
      );
    }
    const now = new Date().toISOString();
    return {
      project,
      pattern,
      owner,
      accounts: tagged.map(a => ({
        stage: a.tags[ACCOUNT_TAGS.stage] as AccountStage,
        accountId: a.id,
      })),
      origin: 'adopted',
      createdBy: by,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Accounts the latest snapshot ties to a project by its tag. */
  private async taggedAccounts(project: string) {
    const snapshot = await this.options.snapshots.latestSnapshot();
    return snapshot?.accounts.filter(
      a => a.tags[ACCOUNT_TAGS.project] === project,
    );
  }

  private async recordOrNotFound(project: string) {
    const record = await this.options.store.getProject(project);
    if (!record) {
      throw new NotFoundError(
        `ML project ${project} is not in the suite's record; projects are recorded when a template provisions them, or adopted by an administrator`,
      );
    }
    return record;
  }

  private async audit(
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

function normalizeGroupRef(ref: string) {
  return stringifyEntityRef(parseEntityRef(ref.toLowerCase()));
}
