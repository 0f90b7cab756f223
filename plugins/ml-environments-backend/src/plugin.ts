import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  ML_ENVIRONMENTS_TOPICS,
  ML_PROJECT_RESOURCE_TYPE,
  mlEnvironmentsPermissions,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  mlProjectPermissionResourceRef,
  mlProjectPermissionRules,
  readMlProvisioningConfig,
} from '@mlgov/plugin-ml-environments-node';
import { DatabaseMlEnvironmentsStore } from './database/DatabaseMlEnvironmentsStore';
import { DatabaseProjectStore } from './database/DatabaseProjectStore';
import { ProjectRegistry } from './service/ProjectRegistry';
import { ProjectRetirement } from './service/ProjectRetirement';
import { DataGrants } from './service/dataAccess/DataGrants';
import { DataLakeDatasets } from './service/dataAccess/DataLakeDatasets';
import { DataGrantStore } from './database/DataGrantStore';
import { DEFAULT_AWS_EVENTS, StatusService } from './service/StatusService';
import { createRouter } from './service/router';
import {
  refuseEveryRoute,
  unsafeDeploymentReason,
} from './service/unsafeDeployment';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { registerMlEnvironmentsActions } from './actions';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { StudioProfileSync } from './service/studio/StudioProfileSync';
import { announceSnapshot, announcingWrites } from './service/announceSnapshot';
import { AlertStore } from './database/AlertStore';
import { ProblemStore } from './database/ProblemStore';
import { StatusNotifier } from './service/StatusNotifier';
import { ExceptionStore } from './database/ExceptionStore';
import { GuardrailExceptions } from './service/exceptions/GuardrailExceptions';
import {
  DEFAULT_EXCEPTION_MAX_DAYS,
  ouProblemKeys,
} from '@mlgov/plugin-ml-environments-common';
import { readGroupRefs } from './groupRefs';

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
        const { config, logger, scheduler } = deps;
        // Reading the configuration first stops a wrong value at start, with the key's name.
        const clients = MlAwsClients.fromConfig(config, { logger });
        const provisioning = readMlProvisioningConfig(config);
        const optionalDuration = (key: string, fallbackMs: number) =>
          config.has(key)
            ? durationToMilliseconds(readDurationFromConfig(config, { key }))
            : fallbackMs;
        const awsEventsTopic =
          config.getOptionalString('mlEnvironments.status.awsEvents.topic') ??
          'ml-environments-aws-events';
        // With events keeping the snapshot current, the full read is a daily reconciliation.
        const awsEventsArrive = config.has(
          `events.modules.awsSqs.awsSqsConsumingEventPublisher.topics.${awsEventsTopic}`,
        );
        /** The schedule configured at `key`, or `fallback`. */
        const scheduleAt = (
          key: string,
          fallback: SchedulerServiceTaskScheduleDefinition,
        ) => {
          const configured = config.getOptionalConfig(key);
          return configured
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(configured)
            : fallback;
        };
        const schedule = scheduleAt('mlEnvironments.status.schedule', {
          frequency: awsEventsArrive ? { hours: 24 } : { minutes: 15 },
          timeout: { minutes: 30 },
          initialDelay: { seconds: 10 },
        });
        const adoptions = (
          config.getOptionalConfigArray('mlEnvironments.projects.adopt') ?? []
        ).map(c => ({
          project: c.getString('project'),
          owner: c.getString('owner'),
        }));

        const snapshots = await DatabaseMlEnvironmentsStore.create(
          deps.database,
        );
        const projectStore = new DatabaseProjectStore(
          await deps.database.getClient(),
        );
        const projects = new ProjectRegistry({
          store: projectStore,
          permissions: deps.permissions,
          permissionsRegistry: deps.permissionsRegistry,
          userInfo: deps.userInfo,
          auth: deps.auth,
          catalog: deps.catalog,
          auditor: deps.auditor,
          snapshots,
          clients,
          adoptions,
          taskCallers: config.getOptionalStringArray(
            'mlEnvironments.projects.taskCallers',
          ),
          lockMs: optionalDuration(
            'mlEnvironments.projects.lockTimeout',
            2 * 60 * 60 * 1000,
          ),
        });
        // Configured adoptions need a snapshot's tags to know the accounts.
        const adoptConfigured = async () => {
          const adopted = await projects.adoptFromConfig(adoptions);
          if (adopted.length > 0) {
            logger.info(
              `Adopted ML projects from mlEnvironments.projects.adopt: ${adopted.join(
                ', ',
              )}`,
            );
          }
        };
        const exceptions = new GuardrailExceptions({
          store: announcingWrites(
            await ExceptionStore.create(deps.database),
            ['add', 'decide', 'markApplied', 'markRemoved'],
            deps.signals,
          ),
          projects,
          snapshots,
          clients,
          baseline: provisioning.baseline,
          parameters: provisioning.guardrailParameters,
          notifications: deps.notifications,
          logger,
          maxDays:
            config.getOptionalNumber('mlEnvironments.exceptions.maxDays') ??
            DEFAULT_EXCEPTION_MAX_DAYS,
          approverGroups:
            readGroupRefs(config, 'mlEnvironments.exceptions.approverGroups') ??
            readGroupRefs(config, 'mlEnvironments.permissions.adminGroups') ??
            [],
        });
        const dataLakeAccountId = config.getOptionalString(
          'mlEnvironments.dataLake.accountId',
        );
        const dataGrants = new DataGrants({
          store: announcingWrites(
            await DataGrantStore.create(deps.database),
            ['add', 'move'],
            deps.signals,
          ),
          projects,
          clients,
          dataLake: dataLakeAccountId
            ? {
                accountId: dataLakeAccountId,
                ownerGroups:
                  readGroupRefs(
                    config,
                    'mlEnvironments.dataLake.ownerGroups',
                  ) ??
                  readGroupRefs(
                    config,
                    'mlEnvironments.permissions.adminGroups',
                  ) ??
                  [],
                selfService:
                  config.getOptionalStringArray(
                    'mlEnvironments.dataLake.selfServiceDatabases',
                  ) ?? [],
              }
            : undefined,
          notifications: deps.notifications,
          logger,
        });
        const retirement = new ProjectRetirement({
          store: projectStore,
          access: projects.access,
          records: projects.records,
          openExceptions: project => exceptions.open(project),
          openDataGrants: project => dataGrants.open(project),
          adminGroups:
            readGroupRefs(config, 'mlEnvironments.permissions.adminGroups') ??
            [],
          notifications: deps.notifications,
        });
        const exemptions = async () =>
          (await exceptions.parameters()).exemptions ?? [];
        const problems = await ProblemStore.create(deps.database);
        const notifier = new StatusNotifier({
          store: await AlertStore.create(deps.database),
          notifications: deps.notifications,
          ownersByProject: () => projects.ownersByProject(),
          baseline: provisioning.baseline,
          parameters: provisioning.guardrailParameters,
          exemptions,
          logger,
          settleMs: optionalDuration(
            'mlEnvironments.status.notifications.settle',
            5 * 60 * 1000,
          ),
          latest: () => snapshots.latestSnapshot(),
        });
        const status = new StatusService({
          store: snapshots,
          afterRefresh: adoptConfigured,
          onSnapshot: async snapshot => {
            await problems.record(
              ouProblemKeys(
                snapshot,
                provisioning.baseline,
                provisioning.guardrailParameters,
              ),
              snapshot.takenAt,
            );
            await notifier.notify(snapshot);
            await announceSnapshot(deps.signals, snapshot);
          },
          refreshLease: {
            store: projectStore,
            minIntervalMs: optionalDuration(
              'mlEnvironments.status.refreshMinInterval',
              60_000,
            ),
          },
          clients,
          baseline: provisioning.baseline,
          parameters: provisioning.guardrailParameters,
          exemptions,
          problemsSince: () => problems.since(),
          logger,
          events: deps.events,
          awsEvents: {
            batchMs: optionalDuration(
              'mlEnvironments.status.awsEvents.batch',
              DEFAULT_AWS_EVENTS.batchMs,
            ),
            followUpMs: optionalDuration(
              'mlEnvironments.status.awsEvents.followUp',
              DEFAULT_AWS_EVENTS.followUpMs,
            ),
          },
        });

        deps.permissionsRegistry.addPermissions(mlEnvironmentsPermissions);
        deps.permissionsRegistry.addResourceType({
          resourceRef: mlProjectPermissionResourceRef,
          permissions: mlEnvironmentsPermissions.filter(
            p =>
              'resourceType' in p &&
              p.resourceType === ML_PROJECT_RESOURCE_TYPE,
          ),
          rules: Object.values(mlProjectPermissionRules),
          getResources: names => projectStore.getProjects(names),
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

        // Carve-outs go when their exception ends, whether or not anyone looks.
        await scheduler.scheduleTask({
          id: 'ml-environments-exceptions',
          scope: 'global',
          ...scheduleAt('mlEnvironments.exceptions.schedule', {
            frequency: { minutes: 5 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 30 },
          }),
          fn: async () => {
            await exceptions.enforce();
          },
        });

        // Owner groups change in the catalog (people join and leave); Studio follows.
        const profileSync = new StudioProfileSync({
          store: projectStore,
          records: projects.records,
          status,
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'ml-environments-studio-profiles',
          scope: 'global',
          ...scheduleAt('mlEnvironments.studio.profileSyncSchedule', {
            frequency: { minutes: 30 },
            timeout: { minutes: 10 },
            initialDelay: { minutes: 1 },
          }),
          fn: async () => {
            await profileSync.syncAll();
          },
        });

        // A project a template just provisioned or retired should show without waiting
        // for the schedule; AWS events, when they arrive, bring it anyway.
        if (!awsEventsArrive) {
          await deps.events.subscribe({
            id: 'ml-environments-status',
            topics: [
              ML_ENVIRONMENTS_TOPICS.projectProvisioned,
              ML_ENVIRONMENTS_TOPICS.projectRetired,
            ],
            onEvent: async () => {
              await status.refresh();
            },
          });
        }

        await deps.events.subscribe({
          id: 'ml-environments-aws-events',
          topics: [awsEventsTopic],
          onEvent: async ({ eventPayload }) =>
            status.applyAwsEvent(eventPayload),
        });

        registerMlEnvironmentsActions(deps.actionsRegistry, {
          status,
          projects,
          exceptions,
          permissions: deps.permissions,
          provisioning,
        });

        const unsafe = unsafeDeploymentReason(config);
        if (unsafe) {
          logger.error(unsafe);
          deps.httpRouter.use(refuseEveryRoute(unsafe));
          return;
        }
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            status,
            projects,
            exceptions,
            retirement,
            dataGrants,
            datasets: new DataLakeDatasets({
              clients,
              accountId: dataLakeAccountId,
            }),
          }),
        );
      },
    });
  },
});
