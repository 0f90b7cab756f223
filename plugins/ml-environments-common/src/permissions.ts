import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of an ML project as the suite records it; its resource ref is
 * the project name. Policies decide project permissions conditionally on it
 * (e.g. "is the user in the project's recorded owner group").
 *
 * @public
 */
export const ML_PROJECT_RESOURCE_TYPE = 'ml-project';

/**
 * Read the organization view: OU tree, compliance matrix, accounts, effective
 * SCP decisions and the account patterns.
 *
 * @public
 */
export const mlEnvironmentsStatusReadPermission = createPermission({
  name: 'ml-environments.status.read',
  attributes: { action: 'read' },
});

/**
 * Ask the backend to rebuild its snapshot of the organization now; costs AWS
 * API calls, so an administrator's permission.
 *
 * @public
 */
export const mlEnvironmentsRefreshPermission = createPermission({
  name: 'ml-environments.refresh',
  attributes: { action: 'update' },
});

/**
 * Read the audit trail of provisioning, transfers, adoptions and Studio URLs.
 *
 * @public
 */
export const mlEnvironmentsAuditReadPermission = createPermission({
  name: 'ml-environments.audit.read',
  attributes: { action: 'read' },
});

/**
 * Start a new ML project (one the suite has no record of). The user must also
 * be a member of the group that will own it; the backend checks that itself.
 *
 * @public
 */
export const mlProjectCreatePermission = createPermission({
  name: 'ml-environments.project.create',
  attributes: { action: 'create' },
});

/**
 * Adopt a project that exists in AWS (by its account tags) but not in the
 * suite's record, naming its owner group.
 *
 * @public
 */
export const mlProjectAdoptPermission = createPermission({
  name: 'ml-environments.project.adopt',
  attributes: { action: 'create' },
});

/**
 * Update a project's provisioned product to the latest published version
 * of its product (after the new version is judged against the account's
 * SCPs): an administrator's.
 *
 * @public
 */
export const mlProjectProductsUpdatePermission = createPermission({
  name: 'ml-environments.project.products.update',
  attributes: { action: 'update' },
});

/** Read one project's layout, guardrails and record. @public */
export const mlProjectReadPermission = createPermission({
  name: 'ml-environments.project.read',
  attributes: { action: 'read' },
  resourceType: ML_PROJECT_RESOURCE_TYPE,
});

/** Run provisioning on an existing project (a template re-run). @public */
export const mlProjectProvisionPermission = createPermission({
  name: 'ml-environments.project.provision',
  attributes: { action: 'update' },
  resourceType: ML_PROJECT_RESOURCE_TYPE,
});

/**
 * Obtain a presigned SageMaker Studio URL for one's own user profile in the
 * project's dev account.
 *
 * @public
 */
export const mlProjectStudioUrlPermission = createPermission({
  name: 'ml-environments.project.studio-url.create',
  attributes: { action: 'create' },
  resourceType: ML_PROJECT_RESOURCE_TYPE,
});

/** Move a project to another owner group. @public */
export const mlProjectTransferPermission = createPermission({
  name: 'ml-environments.project.transfer',
  attributes: { action: 'update' },
  resourceType: ML_PROJECT_RESOURCE_TYPE,
});

/**
 * Retire a project: its Studio access and shares removed, its accounts
 * suspended (and closed, when configured). Owners and administrators.
 *
 * @public
 */
export const mlProjectRetirePermission = createPermission({
  name: 'ml-environments.project.retire',
  attributes: { action: 'delete' },
  resourceType: ML_PROJECT_RESOURCE_TYPE,
});

/**
 * Ask for one of a project's accounts to be lifted out of a guardrail for a
 * while; nothing changes until an approver approves.
 *
 * @public
 */
export const mlProjectExceptionRequestPermission = createPermission({
  name: 'ml-environments.project.exception.request',
  attributes: { action: 'create' },
  resourceType: ML_PROJECT_RESOURCE_TYPE,
});

/**
 * End a project's exception before its date (or withdraw a pending one),
 * which puts the guardrail back.
 *
 * @public
 */
export const mlProjectExceptionRevokePermission = createPermission({
  name: 'ml-environments.project.exception.revoke',
  attributes: { action: 'update' },
  resourceType: ML_PROJECT_RESOURCE_TYPE,
});

/**
 * Approve or reject guardrail exceptions, which lifts a guardrail in AWS.
 * The backend also refuses an approval by the one who asked.
 *
 * @public
 */
export const mlEnvironmentsExceptionApprovePermission = createPermission({
  name: 'ml-environments.exception.approve',
  attributes: { action: 'update' },
});

/**
 * Ask for read-only access of one of a project's accounts to a data-lake
 * database; granted once a data owner approves (or at once, for
 * self-service databases).
 *
 * @public
 */
export const mlProjectDataAccessRequestPermission = createPermission({
  name: 'ml-environments.project.data-access.request',
  attributes: { action: 'create' },
  resourceType: ML_PROJECT_RESOURCE_TYPE,
});

/** End a project's data grant (or withdraw a pending request). @public */
export const mlProjectDataAccessRevokePermission = createPermission({
  name: 'ml-environments.project.data-access.revoke',
  attributes: { action: 'update' },
  resourceType: ML_PROJECT_RESOURCE_TYPE,
});

/**
 * Approve or reject data-access requests, which grants read access to
 * corporate data in Lake Formation. Data owners; never one's own request.
 *
 * @public
 */
export const mlEnvironmentsDataAccessApprovePermission = createPermission({
  name: 'ml-environments.data-access.approve',
  attributes: { action: 'update' },
});

/**
 * Change an OU or the root of the organization: attach an SCP, enable a
 * control, register the OU with Control Tower. Each reaches every account
 * below it, other teams' included, so an administrator's permission;
 * provisioning without it leaves such changes for an administrator.
 *
 * @public
 */
export const mlOrganizationChangePermission = createPermission({
  name: 'ml-environments.organization.change',
  attributes: { action: 'update' },
});

/** @public */
export const mlEnvironmentsPermissions = [
  mlEnvironmentsStatusReadPermission,
  mlEnvironmentsRefreshPermission,
  mlEnvironmentsAuditReadPermission,
  mlProjectCreatePermission,
  mlProjectAdoptPermission,
  mlProjectProductsUpdatePermission,
  mlProjectReadPermission,
  mlProjectProvisionPermission,
  mlProjectStudioUrlPermission,
  mlProjectTransferPermission,
  mlProjectRetirePermission,
  mlProjectExceptionRequestPermission,
  mlProjectExceptionRevokePermission,
  mlEnvironmentsExceptionApprovePermission,
  mlProjectDataAccessRequestPermission,
  mlProjectDataAccessRevokePermission,
  mlEnvironmentsDataAccessApprovePermission,
  mlOrganizationChangePermission,
];
