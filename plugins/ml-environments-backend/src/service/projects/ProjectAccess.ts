import {
  AuthService,
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  MlProjectRecord,
  mlProjectProvisionPermission,
} from '@mlgov/plugin-ml-environments-common';
import { mlProjectPermissionResourceRef } from '@mlgov/plugin-ml-environments-node';

/**
 * Who is acting and what they may do to a project: the signed-in user, their
 * groups (from Backstage's user info), and the permission framework's
 * decisions on the suite's record of the project.
 */
export class ProjectAccess {
  private readonly authorizeConditions;

  constructor(
    private readonly options: {
      permissions: PermissionsService;
      permissionsRegistry: Pick<
        PermissionsRegistryService,
        'getPermissionRuleset'
      >;
      userInfo: UserInfoService;
      auth: AuthService;
      catalog: CatalogService;
      /**
       * Plugins whose on-behalf-of requests may write the record (provisioning,
       * retirement): `plugin:scaffolder` unless configured otherwise.
       */
      taskCallers?: string[];
    },
  ) {
    this.authorizeConditions = createConditionAuthorizer(
      options.permissionsRegistry.getPermissionRuleset(
        mlProjectPermissionResourceRef,
      ),
    );
  }

  /** Whether a conditional decision allows this record. */
  conditionsAllow(
    decision: Parameters<typeof this.authorizeConditions>[0],
    record: MlProjectRecord,
  ) {
    return this.authorizeConditions(decision, record);
  }

  async userOf(credentials: BackstageCredentials) {
    if (!this.options.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Acting on ML projects needs a signed-in user; the request carried no user',
      );
    }
    const info = await this.options.userInfo.getUserInfo(credentials);
    return { ref: info.userEntityRef, ownership: info.ownershipEntityRefs };
  }

  /**
   * The user a scaffolder task acts for. Routes that write the record are not
   * user API: they answer only requests that a task caller plugin (the
   * scaffolder) makes on behalf of a user, never a user's own token, so the
   * record holds only what the suite's actions did.
   */
  async taskUserOf(
    credentials: BackstageCredentials,
    /** Audits a refusal before it is answered. */
    refused: (actorRef: string, reason: string) => Promise<void>,
  ) {
    const actor = await this.userOf(credentials);
    const caller = (credentials.principal as { actor?: { subject?: string } })
      .actor?.subject;
    const allowed = this.options.taskCallers ?? ['plugin:scaffolder'];
    if (!caller || !allowed.includes(caller)) {
      const reason = `Only a software template's task may do this (the scaffolder, acting for ${
        actor.ref
      }); the request came from ${
        caller ?? `${actor.ref}'s own sign-in`
      }. Run the template instead`;
      await refused(actor.ref, reason);
      throw new NotAllowedError(reason);
    }
    return actor;
  }

  async requireGroup(owner: string) {
    const entity = await this.options.catalog.getEntityByRef(owner, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    if (!entity || entity.kind.toLowerCase() !== 'group') {
      throw new InputError(
        `Owner ${owner} is not a Group in the catalog; pick an existing group`,
      );
    }
  }

  /**
   * The groups a user is a member of as the catalog says now (not as an
   * older sign-in said): none for a user the catalog lacks.
   */
  async catalogGroupsOf(userRef: string): Promise<string[]> {
    const entity = await this.options.catalog.getEntityByRef(userRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    return (entity?.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef);
  }

  /** The policy allows provisioning it, and the user is in its recorded owner group. */
  mayChange(
    credentials: BackstageCredentials,
    actor: { ownership: string[] },
    record: MlProjectRecord,
  ) {
    return this.ownerAllowed(
      credentials,
      actor,
      record,
      mlProjectProvisionPermission,
    );
  }

  /** The user is in the project's recorded owner group, and the policy allows it. */
  async ownerAllowed(
    credentials: BackstageCredentials,
    actor: { ownership: string[] },
    record: MlProjectRecord,
    permission: ResourcePermission<'ml-project'>,
  ) {
    return (
      actor.ownership.includes(record.owner) &&
      (await this.allowedOn(credentials, permission, record))
    );
  }

  /**
   * A member of one of the configured groups whom the permission policy
   * also allows: a lenient company policy alone grants nothing.
   */
  async memberAllowed(
    credentials: BackstageCredentials,
    actor: { ownership: string[] },
    groups: string[],
    permission: BasicPermission,
  ) {
    return (
      actor.ownership.some(ref => groups.includes(ref)) &&
      (await this.allowed(credentials, permission))
    );
  }

  /** Refuses unless memberAllowed, naming the groups and their setting. */
  async requireMemberAllowed(
    credentials: BackstageCredentials,
    actor: { ownership: string[] },
    decides: { groups: string[]; what: string; setting: string },
    permission: BasicPermission,
  ) {
    if (
      !(await this.memberAllowed(
        credentials,
        actor,
        decides.groups,
        permission,
      ))
    ) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name}; ${
          decides.what
        } decided by members of ${
          decides.groups.join(', ') || 'the configured groups'
        } (${decides.setting})`,
      );
    }
  }

  async allowed(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  async allowedOn(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'ml-project'>,
    record: MlProjectRecord,
  ) {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    return this.authorizeConditions(decision, record);
  }

  /** The records the policy allows the permission on, from one decision. */
  async recordsAllowed(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'ml-project'>,
    records: MlProjectRecord[],
  ) {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    return records.filter(record => this.authorizeConditions(decision, record));
  }

  async authorizeOn(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'ml-project'>,
    record: MlProjectRecord,
  ) {
    if (!(await this.allowedOn(credentials, permission, record))) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on ML project ${record.project}`,
      );
    }
  }
}
