import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ML_ENVIRONMENTS_TOPICS,
  ML_PROJECT_RESOURCE_TYPE,
  mlEnvironmentsPermissions,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  mlProjectPermissionResourceRef,
  mlProjectPermissionRules,
} from '@mlgov/plugin-ml-environments-node';
import { createStores } from './database/createStores';
import { ProjectAccess } from './service/projects/ProjectAccess';
import { ProjectAdoption } from './service/projects/ProjectAdoption';
import { ProjectProvisioning } from './service/projects/ProjectProvisioning';
import { ProjectRecords } from './service/projects/ProjectRecords';
import { ProjectRegistry } from './service/projects/ProjectRegistry';
import { ProjectRetirement } from './service/projects/ProjectRetirement';
import { StudioService } from './service/studio/StudioService';
import { DataGrants } from './service/approvals/dataGrants/DataGrants';
import { DataLakeDatasets } from './service/approvals/dataGrants/DataLakeDatasets';
import { StatusService } from './service/StatusService';
import { createRouter } from './service/router';
import { refuseEveryRoute } from './service/unsafeDeployment';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { registerMlEnvironmentsActions } from './actions';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { StudioProfileSync } from './service/studio/StudioProfileSync';
import { announceSnapshot } from './service/announceSnapshot';
import { announcingWrites } from './service/approvals/announcingWrites';
import { StatusNotifier } from './service/StatusNotifier';
import { GuardrailExceptions } from './service/approvals/exceptions/GuardrailExceptions';
import { ouProblemKeys } from '@mlgov/plugin-ml-environments-common';
import { readMlEnvironmentsBackendConfig } from './config';

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
        const settings = readMlEnvironmentsBackendConfig(config);
        const { provisioning } = settings;
        const adoptions = settings.projects.adopt;

        const stores = await createStores(deps.database);
        const { snapshots, projects: projectStore } = stores;
        const access = new ProjectAccess({
          permissions: deps.permissions,
          permissionsRegistry: deps.permissionsRegistry,
          userInfo: deps.userInfo,
          auth: deps.auth,
          catalog: deps.catalog,
          taskCallers: settings.projects.taskCallers,
        });
        const records = new ProjectRecords({
          store: projectStore,
          auditor: deps.auditor,
          snapshots,
          clients,
        });
        const adoption = new ProjectAdoption({
          store: projectStore,
          access,
          records,
          snapshots,
          adoptions,
          logger,
        });
        const provisioningService = new ProjectProvisioning({
          store: projectStore,
          access,
          records,
          adoption,
          lockMs: settings.projects.lockMs,
        });
        const projects = new ProjectRegistry({
          store: projectStore,
          access,
          records,
          adoption,
        });
        const exceptions = new GuardrailExceptions({
          store: announcingWrites(
            stores.exceptions,
            ['add', 'move', 'markApplied', 'markRemoved'],
            deps.signals,
          ),
          projects,
          access,
          records,
          snapshots,
          clients,
          baseline: provisioning.baseline,
          parameters: provisioning.guardrailParameters,
          notifications: deps.notifications,
          logger,
          maxDays: settings.exceptions.maxDays,
          approverGroups: settings.exceptions.approverGroups,
        });
        const dataGrants = new DataGrants({
          store: announcingWrites(
            stores.dataGrants,
            ['add', 'move'],
            deps.signals,
          ),
          projects,
          access,
          records,
          clients,
          dataLake: settings.dataLake,
          notifications: deps.notifications,
          logger,
        });
        const retirement = new ProjectRetirement({
          store: projectStore,
          access,
          records,
          exceptions,
          dataGrants,
          adminGroups: settings.adminGroups,
          notifications: deps.notifications,
        });
        const exemptions = () => exceptions.exemptions();
        const { problems } = stores;
        const notifier = new StatusNotifier({
          store: stores.alerts,
          notifications: deps.notifications,
          ownersByProject: () => records.ownersByProject(),
          baseline: provisioning.baseline,
          parameters: provisioning.guardrailParameters,
          exemptions,
          logger,
          settleMs: settings.status.notificationSettleMs,
          latest: () => snapshots.latestSnapshot(),
        });
        const status = new StatusService({
          store: snapshots,
          afterRefresh: () => adoption.applyConfigured(),
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
            minIntervalMs: settings.status.refreshMinIntervalMs,
          },
          clients,
          baseline: provisioning.baseline,
          parameters: provisioning.guardrailParameters,
          exemptions,
          problemsSince: () => problems.since(),
          logger,
          events: deps.events,
          awsEvents: settings.status.awsEvents,
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
          ...settings.status.schedule,
          fn: async () => {
            await status.refresh();
          },
        });

        // Carve-outs go when their exception ends, whether or not anyone looks.
        await scheduler.scheduleTask({
          id: 'ml-environments-exceptions',
          scope: 'global',
          ...settings.exceptions.schedule,
          fn: async () => {
            await exceptions.enforce();
          },
        });

        // Owner groups change in the catalog (people join and leave); Studio follows.
        const studio = new StudioService({
          store: projectStore,
          access,
          records,
          permissions: deps.permissions,
          snapshots: status,
          clients,
        });
        const profileSync = new StudioProfileSync({
          store: projectStore,
          records,
          studio,
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'ml-environments-studio-profiles',
          scope: 'global',
          ...settings.studio.profileSyncSchedule,
          fn: async () => {
            await profileSync.syncAll();
          },
        });

        // A project a template just provisioned or retired should show without waiting
        // for the schedule; AWS events, when they arrive, bring it anyway.
        if (!settings.status.awsEventsArrive) {
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
          topics: [settings.status.awsEventsTopic],
          onEvent: async ({ eventPayload }) =>
            status.applyAwsEvent(eventPayload),
        });

        registerMlEnvironmentsActions(deps.actionsRegistry, {
          status,
          projects,
          records,
          exceptions,
          permissions: deps.permissions,
          provisioning,
        });

        const unsafe = settings.unsafeDeployment;
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
            records,
            adoption,
            provisioning: provisioningService,
            studio,
            exceptions,
            retirement,
            dataGrants,
            datasets: new DataLakeDatasets({
              clients,
              accountId: settings.dataLake?.accountId,
            }),
          }),
        );
      },
    });
  },
});
