import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { MlEnvironmentsPermissionPolicy } from './MlEnvironmentsPermissionPolicy';

/**
 * Installs {@link MlEnvironmentsPermissionPolicy} as the permission policy,
 * with administrators from `mlEnvironments.permissions.adminGroups`.
 *
 * @public
 */
export const permissionModuleMlEnvironmentsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ml-environments-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, logger, userInfo, policy }) {
        const adminGroups = (
          config.getOptionalStringArray(
            'mlEnvironments.permissions.adminGroups',
          ) ?? []
        ).map(ref =>
          stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' })),
        );
        if (adminGroups.length === 0) {
          logger.warn(
            'mlEnvironments.permissions.adminGroups is empty: nobody may refresh, transfer, adopt or read the audit trail',
          );
        }
        policy.setPolicy(
          new MlEnvironmentsPermissionPolicy({ adminGroups, userInfo }),
        );
      },
    });
  },
});
