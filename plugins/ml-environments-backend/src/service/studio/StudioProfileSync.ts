import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MlProjectRecord,
  isStudioProfileName,
} from '@mlgov/plugin-ml-environments-common';
import { ProjectStore } from '../../database/ProjectStore';
import { ProjectRecords } from '../projects/ProjectRecords';
import { StudioService } from './StudioService';

/** Who acts when the schedule changes profiles, in the audit. */
const ACTOR = 'plugin:ml-environments/studio-profile-sync';

/** What one project's sync did. */
export interface ProjectProfileSync {
  project: string;
  created: string[];
  deleted: string[];
  /** Members SageMaker would refuse as profile names. */
  skipped: string[];
  /** Profiles of people who left that SageMaker would not delete yet. */
  inUse?: string[];
  error?: string;
}

/**
 * Keeps every recorded project's Studio profiles in step with its owner
 * group as the catalog knows it: whoever joins gets a profile, the suite's
 * profile of whoever leaves is deleted. The record says which group owns
 * the project, which account is its dev account and which profiles the
 * suite made; nothing a user can tag.
 */
export class StudioProfileSync {
  constructor(
    private readonly options: {
      store: Pick<
        ProjectStore,
        | 'listProjects'
        | 'studioProfilesMade'
        | 'recordStudioProfiles'
        | 'forgetStudioProfiles'
      >;
      records: Pick<ProjectRecords, 'audit'>;
      studio: Pick<StudioService, 'syncProfiles'>;
      catalog: Pick<CatalogService, 'getEntityByRef'>;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      logger: LoggerService;
    },
  ) {}

  /** Every live project with a dev account; one failing does not stop the rest. */
  async syncAll(): Promise<ProjectProfileSync[]> {
    const projects = (await this.options.store.listProjects()).filter(
      r => !r.retirement && r.accounts.some(a => a.stage === 'dev'),
    );
    const results: ProjectProfileSync[] = [];
    for (const record of projects) {
      try {
        results.push(await this.syncProject(record));
      } catch (error) {
        this.options.logger.warn(
          `Could not bring the Studio profiles of ${record.project} in step with ${record.owner}: ${error}`,
        );
        results.push({
          project: record.project,
          created: [],
          deleted: [],
          skipped: [],
          error: String(error),
        });
      }
    }
    return results;
  }

  async syncProject(record: MlProjectRecord): Promise<ProjectProfileSync> {
    const members = await this.ownerGroupMembers(record.owner);
    const skipped = members.filter(m => !isStudioProfileName(m));
    const { store } = this.options;
    const { created, deleted, inUse } = await this.options.studio.syncProfiles(
      record.project,
      record.accounts.find(a => a.stage === 'dev')?.accountId,
      members.filter(isStudioProfileName),
      await store.studioProfilesMade(record.project),
    );
    await store.recordStudioProfiles(record.project, created);
    await store.forgetStudioProfiles(record.project, deleted);
    for (const profileName of created) {
      await this.options.records.audit(
        ACTOR,
        record.project,
        'studio-profile',
        {
          profileName,
          reason: `member of ${record.owner}`,
        },
      );
    }
    for (const profileName of deleted) {
      await this.options.records.audit(
        ACTOR,
        record.project,
        'studio-profile.delete',
        { profileName, reason: `no longer a member of ${record.owner}` },
      );
    }
    if (inUse.length > 0) {
      this.options.logger.warn(
        `Studio profiles of ${record.project} of people who left ${
          record.owner
        } still have apps or spaces, so SageMaker keeps them until those are deleted: ${inUse.join(
          ', ',
        )}; tried again next run`,
      );
    }
    if (created.length + deleted.length > 0) {
      this.options.logger.info(
        `Studio profiles of ${record.project}: made ${
          created.join(', ') || 'none'
        }, deleted ${deleted.join(', ') || 'none'}`,
      );
    }
    return {
      project: record.project,
      created,
      deleted,
      skipped,
      ...(inUse.length > 0 ? { inUse } : {}),
    };
  }

  /** The group's direct members' user names, as the catalog has them. */
  private async ownerGroupMembers(groupRef: string): Promise<string[]> {
    const group = await this.options.catalog.getEntityByRef(groupRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    if (!group) {
      // Without the group the suite cannot tell who left: change nothing.
      throw new Error(`the owner group ${groupRef} is not in the catalog`);
    }
    return (group.relations ?? [])
      .filter(r => r.type === 'hasMember')
      .map(r => parseEntityRef(r.targetRef))
      .filter(ref => ref.kind.toLowerCase() === 'user')
      .map(ref => ref.name);
  }
}
