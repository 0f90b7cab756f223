import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  mlEnvironmentsAuditReadPermission,
  mlEnvironmentsExceptionApprovePermission,
  mlProjectExceptionRequestPermission,
  mlProjectExceptionRevokePermission,
  mlEnvironmentsRefreshPermission,
  mlOrganizationChangePermission,
  mlEnvironmentsStatusReadPermission,
  mlProjectAdoptPermission,
  mlProjectProductsUpdatePermission,
  mlProjectCreatePermission,
  mlProjectProvisionPermission,
  mlProjectReadPermission,
  mlProjectStudioUrlPermission,
  mlProjectRetirePermission,
  mlProjectTransferPermission,
  mlEnvironmentsDataAccessApprovePermission,
  mlProjectDataAccessRequestPermission,
  mlProjectDataAccessRevokePermission,
} from '@mlgov/plugin-ml-environments-common';
import {
  createMlProjectConditionalDecision,
  mlProjectConditions,
} from '@mlgov/plugin-ml-environments-node';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** @public */
export interface MlEnvironmentsPolicyOptions {
  /** Groups whose members refresh, transfer, adopt and read the audit trail. */
  adminGroups: string[];
  /** Groups whose members approve guardrail exceptions. Defaults to adminGroups. */
  approverGroups?: string[];
  /** Groups whose members approve access to the data lake. Defaults to adminGroups. */
  dataOwnerGroups?: string[];
  userInfo: UserInfoService;
  /**
   * Decides every permission that is not the suite's. Defaults to allowing
   * it, as Backstage does without a policy; pass your company's rules.
   */
  otherPermissions?: PermissionPolicy;
}

/**
 * The suite's permission policy, for a company to start from: everyone
 * signed in reads the organization view and every project, and may start a
 * project for a group they belong to; a project's owner group provisions it
 * and opens its Studio (decided on the suite's record, not the catalog);
 * administrators refresh, transfer, adopt, read the audit trail and change
 * OUs and the root (which reach other teams' accounts);
 * owners and administrators retire a project; owners ask for data access,
 * which data owners (administrators unless configured) approve;
 * approvers (administrators unless configured) decide guardrail exceptions,
 * which owners ask for and may end early.
 *
 * @public
 */
export class MlEnvironmentsPermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: MlEnvironmentsPolicyOptions) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('ml-environments.')) {
      return this.options.otherPermissions
        ? this.options.otherPermissions.handle(request, user)
        : ALLOW;
    }
    if (!user) return DENY;
    const { ownershipEntityRefs: claims } =
      await this.options.userInfo.getUserInfo(user.credentials);

    if (
      isPermission(permission, mlEnvironmentsStatusReadPermission) ||
      isPermission(permission, mlProjectReadPermission) ||
      // Membership of the new project's owner group is checked by the backend itself.
      isPermission(permission, mlProjectCreatePermission)
    ) {
      return ALLOW;
    }
    const approverGroups =
      this.options.approverGroups ?? this.options.adminGroups;
    const isApprover = claims.some(c => approverGroups.includes(c));
    if (isPermission(permission, mlEnvironmentsExceptionApprovePermission)) {
      return isApprover ? ALLOW : DENY;
    }
    const isAdmin = claims.some(c => this.options.adminGroups.includes(c));
    const dataOwnerGroups =
      this.options.dataOwnerGroups ?? this.options.adminGroups;
    const isDataOwner = claims.some(c => dataOwnerGroups.includes(c));
    if (isPermission(permission, mlEnvironmentsDataAccessApprovePermission)) {
      return isDataOwner ? ALLOW : DENY;
    }
    // Data owners end grants of any project; owners those of their own.
    if (isPermission(permission, mlProjectDataAccessRevokePermission)) {
      return isDataOwner
        ? ALLOW
        : createMlProjectConditionalDecision(
            permission,
            mlProjectConditions.isProjectOwner({ claims }),
          );
    }
    // Administrators retire any project; owners their own.
    if (isPermission(permission, mlProjectRetirePermission)) {
      return isAdmin
        ? ALLOW
        : createMlProjectConditionalDecision(
            permission,
            mlProjectConditions.isProjectOwner({ claims }),
          );
    }
    // Approvers end exceptions of any project; owners those of their own.
    if (isPermission(permission, mlProjectExceptionRevokePermission)) {
      return isApprover
        ? ALLOW
        : createMlProjectConditionalDecision(
            permission,
            mlProjectConditions.isProjectOwner({ claims }),
          );
    }
    if (
      isPermission(permission, mlProjectProvisionPermission) ||
      isPermission(permission, mlProjectStudioUrlPermission) ||
      isPermission(permission, mlProjectExceptionRequestPermission) ||
      isPermission(permission, mlProjectDataAccessRequestPermission)
    ) {
      return createMlProjectConditionalDecision(
        permission,
        mlProjectConditions.isProjectOwner({ claims }),
      );
    }
    if (
      isPermission(permission, mlProjectTransferPermission) ||
      isPermission(permission, mlProjectAdoptPermission) ||
      isPermission(permission, mlProjectProductsUpdatePermission) ||
      isPermission(permission, mlEnvironmentsRefreshPermission) ||
      isPermission(permission, mlEnvironmentsAuditReadPermission) ||
      isPermission(permission, mlOrganizationChangePermission)
    ) {
      return isAdmin ? ALLOW : DENY;
    }
    // A permission of a newer version of the suite: refuse until decided.
    return DENY;
  }
}
