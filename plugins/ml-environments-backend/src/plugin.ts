import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ML_ENVIRONMENTS_TOPICS,
  mlEnvironmentsPermissions,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  readMlProvisioningConfig,
} from '@mlgov/plugin-ml-environments-node';
import { DatabaseMlEnvironmentsStore } from './database/DatabaseMlEnvironmentsStore';
import { StatusService } from './service/StatusService';
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
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        // Reading the configuration first stops a wrong value at start, with the key's name.
        const clients = MlAwsClients.fromConfig(config);
        const provisioning = readMlProvisioningConfig(config);
        const scheduleConfig = config.getOptionalConfig(
          'mlEnvironments.status.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : {
              frequency: { minutes: 15 },
              timeout: { minutes: 10 },
              initialDelay: { seconds: 10 },
            };

        const status = new StatusService({
          store: await DatabaseMlEnvironmentsStore.create(deps.database),
          clients,
          baseline: provisioning.baseline,
          parameters: provisioning.guardrailParameters,
          logger,
          events: deps.events,
        });

        // Global scope: with several replicas, one of them refreshes.
        await scheduler.scheduleTask({
          id: 'ml-environments-refresh',
          scope: 'global',
          ...schedule,
          fn: async () => {
            await status.refresh();
          },
        });

        // A project a template just provisioned should show without waiting
        // for the schedule.
        await deps.events.subscribe({
          id: 'ml-environments-status',
          topics: [ML_ENVIRONMENTS_TOPICS.projectProvisioned],
          onEvent: async () => {
            await status.refresh();
          },
        });

        deps.permissionsRegistry.addPermissions(mlEnvironmentsPermissions);
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            userInfo: deps.userInfo,
            catalog: deps.catalog,
            status,
          }),
        );
      },
    });
  },
});
