import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  OrganizationSnapshot,
  mlProjectStudioUrlPermission,
  resourceTagsOf,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  ensureUserProfile,
  presignStudioUrl,
  syncUserProfiles,
} from '@mlgov/plugin-ml-environments-node';
import { ProjectStore } from '../../database/ProjectStore';
import { ProjectAccess } from '../projects/ProjectAccess';
import { retiredError } from '../projects/retiredError';
import { ProjectRecords } from '../projects/ProjectRecords';

/**
 * SageMaker Studio for a project's owner group: a user's own profile in the
 * project's dev account, a presigned URL to it, and the profiles kept in
 * step with the group. The profile is named after the user, never taken
 * from the request; the dev account is the record's, never found by tags
 * others set; the domain is the one the snapshot read from its products.
 */
export class StudioService {
  constructor(
    private readonly options: {
      store: Pick<ProjectStore, 'recordStudioProfiles'>;
      access: ProjectAccess;
      records: ProjectRecords;
      permissions: PermissionsService;
      /** The latest snapshot (503 before the first). */
      snapshots: { latestSnapshot(): Promise<OrganizationSnapshot> };
      clients: Pick<MlAwsClients, 'forAccount'>;
    },
  ) {}

  /** The user's profile in the project's domain, made if missing (and recorded as the suite's). */
  async openProfile(credentials: BackstageCredentials, project: string) {
    const { profileName, actor, devAccountId } = await this.authorize(
      credentials,
      project,
    );
    const { accountId, domainId, tags } = await this.domain(
      project,
      devAccountId,
    );
    const { sageMaker } = await this.options.clients.forAccount(accountId);
    const { created } = await ensureUserProfile(sageMaker, {
      domainId,
      userProfileName: profileName,
      tags,
    });
    if (created) {
      // A profile the suite made: its own to delete when its holder leaves.
      await this.options.store.recordStudioProfiles(project, [profileName]);
      await this.options.records.audit(actor, project, 'studio-profile', {
        profileName,
      });
    }
    return { userProfileName: profileName, created };
  }

  /** A presigned URL for the user's own Studio profile. */
  async presignedUrl(credentials: BackstageCredentials, project: string) {
    const { profileName, actor, devAccountId } = await this.authorize(
      credentials,
      project,
    );
    const { accountId, domainId } = await this.domain(project, devAccountId);
    const { sageMaker } = await this.options.clients.forAccount(accountId);
    const answer = await presignStudioUrl(sageMaker, {
      project,
      domainId,
      userProfileName: profileName,
    });
    // Never the URL itself: it grants a session to whoever holds it.
    await this.options.records.audit(actor, project, 'studio-url', {
      profileName,
    });
    return answer;
  }

  /**
   * The project's Studio profiles in step with its owner group's members
   * (see syncUserProfiles: the suite's own profiles only).
   */
  async syncProfiles(
    project: string,
    devAccountId: string | undefined,
    members: string[],
    /** The profiles the suite's record says it made for the project. */
    madeBySuite: string[],
  ) {
    const { accountId, domainId, tags } = await this.domain(
      project,
      devAccountId,
    );
    const { sageMaker } = await this.options.clients.forAccount(accountId);
    return syncUserProfiles(sageMaker, {
      domainId,
      members,
      tags,
      madeBySuite,
    });
  }

  /** The user's Studio profile name, once the record says they may have one. */
  private async authorize(credentials: BackstageCredentials, project: string) {
    const { access, records } = this.options;
    const actor = await access.userOf(credentials);
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
    const record = await records.recordOrNotFound(project);
    if (record.retirement) throw retiredError(record);
    if (
      !access.conditionsAllow(decision, record) ||
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
      await records.requireActive(project, [devAccountId], 'SageMaker Studio');
    }
    // Studio profiles are named after the user entity, e.g. user:default/jane-doe → jane-doe.
    return {
      profileName: parseEntityRef(actor.ref).name,
      actor: actor.ref,
      devAccountId,
    };
  }

  private async domain(project: string, devAccountId?: string) {
    const snapshot = await this.options.snapshots.latestSnapshot();
    const dev = snapshot.accounts.find(a => a.id === devAccountId);
    const domainId = snapshot.products.find(
      p => p.accountId === dev?.id && p.outputs.DomainId,
    )?.outputs.DomainId;
    if (!dev || !domainId) {
      throw new NotFoundError(
        `Project ${project} has no SageMaker Studio domain in a dev account`,
      );
    }
    // Profiles carry their account's tags, as the cost-tag guardrail requires.
    return { accountId: dev.id, domainId, tags: resourceTagsOf(dev.tags) };
  }
}
