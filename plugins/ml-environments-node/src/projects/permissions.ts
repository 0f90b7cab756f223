import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  ML_PROJECT_RESOURCE_TYPE,
  MlProjectRecord,
} from '@mlgov/plugin-ml-environments-common';
import { z } from 'zod';

/** Query form of the project rules: which owners a project may have. */
export type MlProjectQuery = { key: 'owner'; values: string[] };

/**
 * The `ml-project` resource: a project as the suite records it, referred to by
 * its name.
 *
 * @public
 */
export const mlProjectPermissionResourceRef = createPermissionResourceRef<
  MlProjectRecord,
  MlProjectQuery
>().with({
  pluginId: 'ml-environments',
  resourceType: ML_PROJECT_RESOURCE_TYPE,
});

/**
 * True when the project's recorded owner group is one of the claims, which a
 * policy takes from the user's ownership refs.
 *
 * @public
 */
export const isProjectOwner = createPermissionRule({
  name: 'IS_PROJECT_OWNER',
  description:
    "Allow ML projects whose owner group, as the suite recorded it, is one of the user's claims",
  resourceRef: mlProjectPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Ownership refs of the user, e.g. group:default/team-churn'),
  }),
  apply: (project, { claims }) => claims.includes(project.owner),
  toQuery: ({ claims }) => ({ key: 'owner', values: claims }),
});

/** @public */
export const mlProjectPermissionRules = { isProjectOwner };

/**
 * Conditions for permission policies, e.g.
 * `createMlProjectConditionalDecision(permission, mlProjectConditions.isProjectOwner({ claims: user.identity.ownershipEntityRefs }))`.
 *
 * @public
 */
export const {
  conditions: mlProjectConditions,
  createConditionalDecision: createMlProjectConditionalDecision,
} = createConditionExports({
  resourceRef: mlProjectPermissionResourceRef,
  rules: mlProjectPermissionRules,
});
