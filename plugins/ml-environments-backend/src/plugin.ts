import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  ML_PROJECT_RESOURCE_TYPE,
  mlEnvironmentsPermissions,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  mlProjectPermissionResourceRef,
  mlProjectPermissionRules,
} from '@mlgov/plugin-ml-environments-node';
import { registerMlEnvironmentsActions } from './actions';
import { readMlEnvironmentsBackendConfig } from './config';
import { createStores } from './database/createStores';
import { backgroundWork } from './service/backgroundWork';
import { createServices } from './service/createServices';
import { createRouter } from './service/router';
import { refuseEveryRoute } from './service/unsafeDeployment';

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
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        // Configuration first: a wrong value stops the backend with the key's name.
        const settings = readMlEnvironmentsBackendConfig(config);
        const clients = MlAwsClients.fromConfig(config, { logger });
        const stores = await createStores(deps.database);
        const services = createServices(deps, settings, stores, clients);

        deps.permissionsRegistry.addPermissions(mlEnvironmentsPermissions);
        deps.permissionsRegistry.addResourceType({
          resourceRef: mlProjectPermissionResourceRef,
          permissions: mlEnvironmentsPermissions.filter(
            p =>
              'resourceType' in p &&
              p.resourceType === ML_PROJECT_RESOURCE_TYPE,
          ),
          rules: Object.values(mlProjectPermissionRules),
          getResources: names => stores.projects.getProjects(names),
        });

        const { tasks, subscriptions } = backgroundWork(services, settings);
        for (const { id, schedule, fn } of tasks) {
          await deps.scheduler.scheduleTask({
            id,
            scope: 'global',
            ...schedule,
            fn: async () => {
              await fn();
            },
          });
        }
        for (const subscription of subscriptions) {
          await deps.events.subscribe(subscription);
        }

        registerMlEnvironmentsActions(deps.actionsRegistry, {
          ...services,
          permissions: deps.permissions,
          provisioning: settings.provisioning,
        });

        if (settings.unsafeDeployment) {
          logger.error(settings.unsafeDeployment);
          deps.httpRouter.use(refuseEveryRoute(settings.unsafeDeployment));
          return;
        }
        deps.httpRouter.use(await createRouter({ ...deps, ...services }));
      },
    });
  },
});
