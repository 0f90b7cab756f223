import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { ML_ENVIRONMENTS_TOPICS } from '@mlgov/plugin-ml-environments-common';
import { AwsAccountEntityProvider } from './AwsAccountEntityProvider';

/**
 * Catalog module that emits each AWS account as a `Resource` of type
 * `aws-account`, related to its project's System.
 *
 * @public
 */
export const catalogModuleMlEnvironmentAccounts = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ml-environments-accounts',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        config,
        discovery,
        auth,
        logger,
        scheduler,
        events,
      }) {
        const settings = config.getOptionalConfig('mlEnvironments.catalog');
        const provider = new AwsAccountEntityProvider({
          discovery,
          auth,
          logger,
          defaultOwner:
            settings?.getOptionalString('defaultOwner') ??
            'group:default/platform-team',
        });
        catalog.addEntityProvider(provider);
        const schedule = settings?.getOptionalConfig('schedule');
        await scheduler.scheduleTask({
          id: 'ml-environments-aws-accounts',
          ...(schedule
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
            : {
                frequency: { minutes: 15 },
                timeout: { minutes: 5 },
                initialDelay: { seconds: 30 },
              }),
          fn: () => provider.refresh(),
        });
        // Each new snapshot (a template's project among them) reaches the
        // catalog at once; the schedule is the fallback.
        await events.subscribe({
          id: 'ml-environments-aws-accounts',
          topics: [ML_ENVIRONMENTS_TOPICS.snapshotRefreshed],
          onEvent: () => provider.refresh(),
        });
      },
    });
  },
});
