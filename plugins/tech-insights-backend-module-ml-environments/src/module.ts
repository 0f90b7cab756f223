import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { ML_ENVIRONMENTS_TOPICS } from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import {
  ML_ACCOUNT_FACTS_ID,
  ML_PROJECT_FACTS_ID,
  createMlAccountFactRetriever,
  createMlProjectFactRetriever,
} from './retrievers';

/**
 * Runs `fn` at once, then at most once per `ms`: calls in between make one
 * more run at the end of the interval, so the last change is never missed.
 */
export function throttled(fn: () => Promise<void>, ms: number) {
  let last = -Infinity;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    last = Date.now();
    await fn();
  };
  return async () => {
    const wait = last + ms - Date.now();
    if (wait <= 0) {
      await run();
    } else if (!pending) {
      pending = setTimeout(() => {
        pending = undefined;
        run().catch(() => {});
      }, wait);
      pending.unref?.();
    }
  };
}

/**
 * Tech Insights module adding the ML environments fact retrievers: each ML
 * project System's and each AWS account Resource's governance facts. Like
 * every retriever, each runs only where techInsights.factRetrievers names it
 * with a cadence; each new snapshot of the suite also runs them at once.
 *
 * @public
 */
export const techInsightsModuleMlEnvironments = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'ml-environments',
  register(env) {
    env.registerInit({
      deps: {
        retrievers: techInsightsFactRetrieversExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({ retrievers, config, logger, scheduler, catalog, events }) {
        const options = {
          catalog,
          clients: MlAwsClients.fromConfig(config, { logger }),
        };
        retrievers.addFactRetrievers({
          [ML_PROJECT_FACTS_ID]: createMlProjectFactRetriever(options),
          [ML_ACCOUNT_FACTS_ID]: createMlAccountFactRetriever(options),
        });
        // Tech Insights schedules each retriever as a task of its id; a new
        // snapshot (the first one after start among them) runs them now
        // rather than at the next cadence, at most twice a minute however
        // many AWS events patch the snapshot.
        const runRetrievers = throttled(async () => {
          for (const id of [ML_PROJECT_FACTS_ID, ML_ACCOUNT_FACTS_ID]) {
            // Not configured (no task) or running already: nothing to do.
            await scheduler.triggerTask(id).catch(error => {
              logger.debug(`Not running ${id} now: ${error.message}`);
            });
          }
        }, 30_000);
        await events.subscribe({
          id: 'tech-insights-ml-environments',
          topics: [ML_ENVIRONMENTS_TOPICS.snapshotRefreshed],
          onEvent: runRetrievers,
        });
      },
    });
  },
});
