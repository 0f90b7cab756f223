import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readGroupRefs } from '../config';
import { MlEnvironmentsPermissionPolicy } from './MlEnvironmentsPermissionPolicy';

/**
 * Installs {@link MlEnvironmentsPermissionPolicy} as the permission policy,
 * with administrators from `mlEnvironments.permissions.adminGroups` and
 * exception approvers from `mlEnvironments.exceptions.approverGroups` and
 * data owners from `mlEnvironments.dataLake.ownerGroups`.
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
        const adminGroups =
          readGroupRefs(config, 'mlEnvironments.permissions.adminGroups') ?? [];
        const approverGroups = readGroupRefs(
          config,
          'mlEnvironments.exceptions.approverGroups',
        );
        const dataOwnerGroups = readGroupRefs(
          config,
          'mlEnvironments.dataLake.ownerGroups',
        );
        if (adminGroups.length === 0) {
          logger.warn(
            'mlEnvironments.permissions.adminGroups is empty: nobody may refresh, transfer, adopt or read the audit trail',
          );
        }
        policy.setPolicy(
          new MlEnvironmentsPermissionPolicy({
            adminGroups,
            approverGroups,
            dataOwnerGroups,
            userInfo,
          }),
        );
      },
    });
  },
});
