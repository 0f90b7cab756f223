import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mlEnvironmentsPermissions } from '@mlgov/plugin-ml-environments-common';
import { readMlEnvironmentsAwsConfig } from '@mlgov/plugin-ml-environments-node';
import { createRouter } from './service/router';

/**
 * The ML environments backend plugin: governance status of the AWS
 * organization and of each ML project's accounts.
 *
 * @public
 */
export const mlEnvironmentsPlugin = createBackendPlugin({
  pluginId: 'ml-environments',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
      }) {
        // Fail at start, naming the key, rather than on the first AWS call.
        readMlEnvironmentsAwsConfig(config);

        permissionsRegistry.addPermissions(mlEnvironmentsPermissions);
        httpRouter.use(await createRouter({ httpAuth, permissions }));
      },
    });
  },
});
