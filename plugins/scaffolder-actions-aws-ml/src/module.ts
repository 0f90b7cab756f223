import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  MlAwsClients,
  readMlProvisioningConfig,
} from '@mlgov/plugin-ml-environments-node';
import {
  createAttachPoliciesAction,
  createCreateAccountAction,
  createCreateBudgetAction,
  createEnableControlsAction,
  createEnsureOrganizationalUnitAction,
  createProvisionProductAction,
  createProvisionProjectAction,
  createShareProductsAction,
} from './actions';

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
        const deps = {
          clients: MlAwsClients.fromConfig(config),
          provisioning: readMlProvisioningConfig(config),
        };
        scaffolder.addActions(
          createEnsureOrganizationalUnitAction(deps),
          createCreateAccountAction(deps),
          createAttachPoliciesAction(deps),
          createEnableControlsAction(deps),
          createShareProductsAction(deps),
          createProvisionProductAction(deps),
          createCreateBudgetAction(deps),
          createProvisionProjectAction(deps),
        );
      },
    });
  },
});
