import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MlProjectRecord,
  NameAvailability,
  nameAvailability,
  mlEnvironmentsStatusReadPermission,
  mlProjectReadPermission,
  mlProjectStudioUrlPermission,
  mlProjectTransferPermission,
  validateGroupRef,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  inactiveAccountProblems,
  projectAccountProblems,
} from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsStore } from '../database/MlEnvironmentsStore';
import { ProjectStore } from '../database/ProjectStore';
import { ProjectAccess } from './ProjectAccess';
import { ProjectAdoption } from './ProjectAdoption';
import { ProjectProvisioning, retiredError } from './ProjectProvisioning';
import { ProjectRecords, normalizeGroupRef } from './ProjectRecords';

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
  /** AWS, asked at the moment of a request what state and tags accounts have. */
  clients: Pick<MlAwsClients, 'organizations'>;
  /** mlEnvironments.projects.adopt: applied before any claim is decided. */
  adoptions?: Array<{ project: string; owner: string }>;
  /** Plugins whose on-behalf-of requests may write the record (default: the scaffolder). */
  taskCallers?: string[];
  lockMs?: number;
}

export { NOT_READY_RETRY_SECONDS } from './ProjectAdoption';

/**
 * The authority on ML projects: who owns each one and who may act on it,
 * decided from the suite's own record and the permission framework, never
 * from catalog entities, annotations or template values.
 */
export class ProjectRegistry {
  readonly access: ProjectAccess;
  readonly records: ProjectRecords;
  private readonly provisioning: ProjectProvisioning;
  private readonly adoption: ProjectAdoption;

  constructor(private readonly options: ProjectRegistryOptions) {
    this.access = new ProjectAccess(options);
    this.records = new ProjectRecords(options);
    this.adoption = new ProjectAdoption({
      store: options.store,
      access: this.access,
      records: this.records,
      snapshots: options.snapshots,
      adoptions: options.adoptions ?? [],
    });
    this.provisioning = new ProjectProvisioning({
      store: options.store,
      access: this.access,
      records: this.records,
      ready: () => this.ready(),
      verifyAccounts: async (record, accounts) =>
        projectAccountProblems(
          await options.clients.organizations(),
          record,
          accounts,
        ),
      lockMs: options.lockMs,
    });
  }

  /** See ProjectAdoption.ready: fails closed (503) until the suite has read AWS. */
  ready() {
    return this.adoption.ready();
  }

  /** See ProjectAdoption.adopt. */
  adopt(
    ...args: Parameters<ProjectAdoption['adopt']>
  ): ReturnType<ProjectAdoption['adopt']> {
    return this.adoption.adopt(...args);
  }

  /** See ProjectAdoption.adoptFromConfig. */
  adoptFromConfig(
    ...args: Parameters<ProjectAdoption['adoptFromConfig']>
  ): ReturnType<ProjectAdoption['adoptFromConfig']> {
    return this.adoption.adoptFromConfig(...args);
  }

  /**
   * Whether the user could provision a project of this name now: the rule
   * provisioning's claim applies. Before the first complete read it says so
   * (not a silent "free").
   */
  async availability(
    credentials: BackstageCredentials,
    project: string,
  ): Promise<NameAvailability> {
    const actor = await this.access.userOf(credentials);
    try {
      await this.ready();
    } catch (error) {
      if ((error as Error).name !== 'ServiceUnavailableError') throw error;
      return { available: false, reason: (error as Error).message };
    }
    const record = await this.find(project);
    return nameAvailability({
      name: project,
      record,
      taggedAccountIds: record
        ? []
        : ((await this.records.taggedAccounts(project)) ?? []).map(a => a.id),
      userGroups: actor.ownership,
      teamName: ref => {
        const { namespace, name } = parseEntityRef(ref);
        return namespace === 'default' ? name : `${namespace}/${name}`;
      },
    });
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
    const record = await this.records.recordOrNotFound(project);
    await this.access.authorizeOn(credentials, mlProjectReadPermission, record);
    return record;
  }

  /**
   * Whether the user may read a project's status, and its record if it has
   * one: a recorded project is read under its own permission; one known only
   * from AWS tags (or none: all projects) reads like the organization view.
   */
  async authorizeStatusRead(
    credentials: BackstageCredentials,
    project?: string,
  ): Promise<MlProjectRecord | undefined> {
    const record = project ? await this.find(project) : undefined;
    if (record) {
      await this.access.authorizeOn(
        credentials,
        mlProjectReadPermission,
        record,
      );
    } else if (
      !(await this.access.allowed(
        credentials,
        mlEnvironmentsStatusReadPermission,
      ))
    ) {
      throw new NotAllowedError(
        `Not allowed: ${mlEnvironmentsStatusReadPermission.name}`,
      );
    }
    return record;
  }

  /** See ProjectProvisioning.claim. */
  claimProvisioning(
    ...args: Parameters<ProjectProvisioning['claim']>
  ): ReturnType<ProjectProvisioning['claim']> {
    return this.provisioning.claim(...args);
  }

  checkChange(
    ...args: Parameters<ProjectProvisioning['checkChange']>
  ): ReturnType<ProjectProvisioning['checkChange']> {
    return this.provisioning.checkChange(...args);
  }

  completeProvisioning(
    ...args: Parameters<ProjectProvisioning['complete']>
  ): ReturnType<ProjectProvisioning['complete']> {
    return this.provisioning.complete(...args);
  }

  releaseProvisioning(
    ...args: Parameters<ProjectProvisioning['release']>
  ): ReturnType<ProjectProvisioning['release']> {
    return this.provisioning.release(...args);
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
    await this.ready();
    const record = await this.records.recordOrNotFound(project);
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
    await this.records.audit(actor.ref, project, 'transfer', {
      from: record.owner,
      to: owner,
      reason,
    });
    return updated;
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
    const record = await this.records.recordOrNotFound(project);
    if (record.retirement) throw retiredError(record);
    if (
      !this.access.conditionsAllow(decision, record) ||
      !actor.ownership.includes(record.owner)
    ) {
      throw new NotAllowedError(
        `Only members of ${record.owner}, which owns ${project}, can open its SageMaker Studio`,
      );
    }
    const devAccountId = record.accounts.find(
      a => a.stage === 'dev',
    )?.accountId;
    // A snapshot can be minutes old: a closing account is refused at once.
    if (devAccountId) {
      await this.requireActive(project, [devAccountId], 'SageMaker Studio');
    }
    // Studio profiles are named after the user entity, e.g. user:default/jane-doe → jane-doe.
    return {
      profileName: parseEntityRef(actor.ref).name,
      actor: actor.ref,
      devAccountId,
    };
  }

  /** A Studio profile the suite made: its own to delete when its holder leaves. */
  async recordStudioProfile(
    actor: string,
    project: string,
    profileName: string,
  ) {
    await this.options.store.recordStudioProfiles(project, [profileName]);
    await this.records.audit(actor, project, 'studio-profile', { profileName });
  }

  async recordStudioUrl(actor: string, project: string, profileName: string) {
    // Never the URL itself: it grants a session to whoever holds it.
    await this.records.audit(actor, project, 'studio-url', { profileName });
  }

  async listAudit(options: { project?: string; limit: number }) {
    return this.options.store.listAudit(options);
  }
}
