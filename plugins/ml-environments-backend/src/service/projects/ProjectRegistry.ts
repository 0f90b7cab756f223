import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  MlProjectRecord,
  NameAvailability,
  nameAvailability,
  mlEnvironmentsStatusReadPermission,
  mlProjectReadPermission,
  mlProjectTransferPermission,
  validateGroupRef,
} from '@mlgov/plugin-ml-environments-common';
import { ProjectStore } from '../../database/ProjectStore';
import { ProjectAccess } from './ProjectAccess';
import { ProjectAdoption } from './ProjectAdoption';
import { ProjectRecords, normalizeGroupRef } from './ProjectRecords';

/**
 * The authority on ML projects for their readers and administrators: who
 * may read a project's record and status, whether a name is free, and
 * transfers. Decided from the suite's own record and the permission
 * framework, never from catalog entities, annotations or template values.
 * Provisioning, adoption, retirement and Studio are its peers.
 */
export class ProjectRegistry {
  constructor(
    private readonly options: {
      store: Pick<ProjectStore, 'setOwner'>;
      access: ProjectAccess;
      records: ProjectRecords;
      adoption: Pick<ProjectAdoption, 'ready'>;
    },
  ) {}

  /**
   * Whether the user could provision a project of this name now: the rule
   * provisioning's claim applies. Before the first complete read it says so
   * (not a silent "free").
   */
  async availability(
    credentials: BackstageCredentials,
    project: string,
  ): Promise<NameAvailability> {
    const actor = await this.options.access.userOf(credentials);
    try {
      await this.options.adoption.ready();
    } catch (error) {
      if ((error as Error).name !== 'ServiceUnavailableError') throw error;
      return { available: false, reason: (error as Error).message };
    }
    const record = await this.options.records.find(project);
    return nameAvailability({
      name: project,
      record,
      taggedAccountIds: record
        ? []
        : ((await this.options.records.taggedAccounts(project)) ?? []).map(
            a => a.id,
          ),
      userGroups: actor.ownership,
      teamName: ref => {
        const { namespace, name } = parseEntityRef(ref);
        return namespace === 'default' ? name : `${namespace}/${name}`;
      },
    });
  }

  /** The record of a project the user may read. */
  async get(credentials: BackstageCredentials, project: string) {
    const record = await this.options.records.recordOrNotFound(project);
    await this.options.access.authorizeOn(
      credentials,
      mlProjectReadPermission,
      record,
    );
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
    const record = project
      ? await this.options.records.find(project)
      : undefined;
    if (record) {
      await this.options.access.authorizeOn(
        credentials,
        mlProjectReadPermission,
        record,
      );
    } else if (
      !(await this.options.access.allowed(
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

  async transfer(
    credentials: BackstageCredentials,
    project: string,
    newOwner: string,
    reason: string,
  ) {
    const actor = await this.options.access.userOf(credentials);
    const ownerProblem = validateGroupRef(newOwner);
    if (ownerProblem) throw new InputError(ownerProblem);
    if (!reason?.trim()) {
      throw new InputError('Say why the project changes owner (reason)');
    }
    await this.options.adoption.ready();
    const record = await this.options.records.recordOrNotFound(project);
    await this.options.access.authorizeOn(
      credentials,
      mlProjectTransferPermission,
      record,
    );
    const owner = normalizeGroupRef(newOwner);
    await this.options.access.requireGroup(owner);
    if (record.lock && new Date(record.lock.until) > new Date()) {
      throw new ConflictError(
        `ML project ${project} is being provisioned by task ${record.lock.taskId}; transfer it once that task ends`,
      );
    }
    const updated = await this.options.store.setOwner(project, owner);
    await this.options.records.audit(actor.ref, project, 'transfer', {
      from: record.owner,
      to: owner,
      reason,
    });
    return updated;
  }
}
