import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read the governance status: the organization view, project layouts,
 * guardrails and effective SCP decisions.
 *
 * @public
 */
export const mlEnvironmentsStatusReadPermission = createPermission({
  name: 'ml-environments.status.read',
  attributes: { action: 'read' },
});

/**
 * Ask the backend to rebuild its snapshot of the organization now.
 *
 * @public
 */
export const mlEnvironmentsRefreshPermission = createPermission({
  name: 'ml-environments.refresh',
  attributes: { action: 'update' },
});

/**
 * Obtain a presigned SageMaker Studio URL for one's own user profile.
 *
 * @public
 */
export const mlEnvironmentsStudioUrlPermission = createPermission({
  name: 'ml-environments.studio-url.create',
  attributes: { action: 'create' },
});

/** @public */
export const mlEnvironmentsPermissions = [
  mlEnvironmentsStatusReadPermission,
  mlEnvironmentsRefreshPermission,
  mlEnvironmentsStudioUrlPermission,
];
