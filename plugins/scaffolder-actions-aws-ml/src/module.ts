import {
  BackstageCredentials,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { parseEntityRef } from '@backstage/catalog-model';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import {
  MlAwsClients,
  MlProjectsClient,
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
  createRegisterOrganizationalUnitAction,
  createShareProductsAction,
  createTransferProjectAction,
  createRequestGuardrailExceptionAction,
  createOffboardProjectAction,
  createGrantDataAccessAction,
  createPublishProductsAction,
  createAssessGuardrailsAction,
} from './actions';
import {
  TEMPLATE_PUBLISH_GLOBAL,
  readTemplatePublishSettings,
} from './templatePublish';

/**
 * Scaffolder module adding the actions that provision governed ML
 * environments on AWS, and the `mlEnvironmentsPublish` template global
 * (`mlEnvironments.templates.publish`) the suite's templates publish by.
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
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        scaffolder: scaffolderActionsExtensionPoint,
        templating: scaffolderTemplatingExtensionPoint,
        events: eventsServiceRef,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        discovery,
        auth,
        permissions,
        scaffolder,
        templating,
        events,
        catalog,
      }) {
        // Reads and checks the configuration now, so a bad value stops the start.
        const deps = {
          clients: MlAwsClients.fromConfig(config, { logger }),
          provisioning: readMlProvisioningConfig(config),
          // The ml-environments backend keeps the record of projects and decides who may act.
          projects: new MlProjectsClient({ discovery, auth }),
          permissions,
          events,
          groupMembers: async (
            groupRef: string,
            credentials: BackstageCredentials,
          ) => {
            const group = await catalog.getEntityByRef(groupRef, {
              credentials,
            });
            return (group?.relations ?? [])
              .filter(r => r.type === 'hasMember')
              .map(r => parseEntityRef(r.targetRef).name);
          },
        };
        scaffolder.addActions(
          createEnsureOrganizationalUnitAction(deps),
          createCreateAccountAction(deps),
          createAttachPoliciesAction(deps),
          createRegisterOrganizationalUnitAction(deps),
          createEnableControlsAction(deps),
          createShareProductsAction(deps),
          createProvisionProductAction(deps),
          createCreateBudgetAction(deps),
          createProvisionProjectAction(deps),
          createTransferProjectAction(deps),
          createRequestGuardrailExceptionAction(deps),
          createOffboardProjectAction(deps),
          createGrantDataAccessAction(deps),
          createPublishProductsAction(deps),
          createAssessGuardrailsAction(deps),
        );
        // The suite's templates pick publish:github, publish:gitlab or
        // publish:local by this, so one template serves every installation.
        templating.addTemplateGlobals({
          [TEMPLATE_PUBLISH_GLOBAL]: { ...readTemplatePublishSettings(config) },
        });
      },
    });
  },
});
