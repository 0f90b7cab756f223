import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { createEnsureOrganizationalUnitAction } from './actions';

/**
 * Scaffolder module adding the actions that provision governed ML
 * environments on AWS.
 *
 * @public
 */
export const scaffolderModuleAwsMl = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aws-ml',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        scaffolder: scaffolderActionsExtensionPoint,
      },
      async init({ config, scaffolder }) {
        // Reads and checks the configuration now, so a bad value stops the start.
        const clients = MlAwsClients.fromConfig(config);
        scaffolder.addActions(
          createEnsureOrganizationalUnitAction({ clients }),
        );
      },
    });
  },
});
