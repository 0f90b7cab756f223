import {
  AuditorService,
  AuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsBackendConfig } from '../config';
import { MlEnvironmentsStores } from '../database/createStores';
import { announcingWrites } from './approvals/announcingWrites';
import { DataGrants } from './approvals/dataGrants/DataGrants';
import { DataLakeDatasets } from './approvals/dataGrants/DataLakeDatasets';
import { ProjectCostService } from './cost/ProjectCostService';
import { ProjectSpendOverview } from './cost/ProjectSpendOverview';
import { SpendingLimitAlerts } from './cost/SpendingLimitAlerts';
import { GuardrailExceptions } from './approvals/exceptions/GuardrailExceptions';
import { ProjectAccess } from './projects/ProjectAccess';
import { ProjectAdoption } from './projects/ProjectAdoption';
import { ProjectProductUpdates } from './projects/ProjectProductUpdates';
import { ProjectProvisioning } from './projects/ProjectProvisioning';
import { ProjectRecords } from './projects/ProjectRecords';
import { ProjectRegistry } from './projects/ProjectRegistry';
import { ProjectRetirement } from './projects/ProjectRetirement';
import { ProblemRecorder } from './status/ProblemRecorder';
import { ProductCheck } from './status/ProductCheck';
import { GuardrailAssessmentService } from './status/GuardrailAssessment';
import { SnapshotPipeline } from './status/SnapshotPipeline';
import { SnapshotReadModel } from './status/SnapshotReadModel';
import { SnapshotSignals } from './status/SnapshotSignals';
import { StatusNotifier } from './status/StatusNotifier';
import { StatusService } from './status/StatusService';
import { StudioProfileSync } from './studio/StudioProfileSync';
import { StudioService } from './studio/StudioService';

/** The Backstage services the suite's services use. */
export interface MlEnvironmentsServiceDeps {
  logger: LoggerService;
  permissions: PermissionsService;
  permissionsRegistry: Pick<PermissionsRegistryService, 'getPermissionRuleset'>;
  userInfo: UserInfoService;
  auth: AuthService;
  auditor: AuditorService;
  catalog: CatalogService;
  events: EventsService;
  notifications: NotificationService;
  signals: SignalsService;
}

/** The plugin's services: what the routes, actions and background work call. */
export type MlEnvironmentsServices = ReturnType<typeof createServices>;

/**
 * Builds every service of the plugin once, each handed what it uses: the
 * one place that says who talks to whom.
 */
export function createServices(
  deps: MlEnvironmentsServiceDeps,
  settings: MlEnvironmentsBackendConfig,
  stores: MlEnvironmentsStores,
  clients: MlAwsClients,
) {
  const { logger, notifications } = deps;
  const { baseline, guardrailParameters: parameters } = settings.provisioning;
  const { snapshots } = stores;

  // Projects: the record, who may act on it, and its peers.
  const access = new ProjectAccess({
    ...deps,
    taskCallers: settings.projects.taskCallers,
  });
  const records = new ProjectRecords({
    ...deps,
    store: stores.projects,
    snapshots,
    clients,
  });
  const adoption = new ProjectAdoption({
    store: stores.projects,
    access,
    records,
    snapshots,
    adoptions: settings.projects.adopt,
    logger,
  });
  const project = { store: stores.projects, access, records, adoption };
  const projects = new ProjectRegistry(project);
  const provisioning = new ProjectProvisioning({
    ...project,
    lockMs: settings.projects.lockMs,
  });

  // Approvals: one workflow, two policies.
  const approvals = { projects, access, records, notifications, logger };
  const exceptions = new GuardrailExceptions({
    ...approvals,
    store: announcingWrites(
      stores.exceptions,
      ['add', 'move', 'markApplied', 'markRemoved'],
      deps.signals,
    ),
    snapshots,
    clients,
    baseline,
    parameters,
    maxDays: settings.exceptions.maxDays,
    approverGroups: settings.exceptions.approverGroups,
  });
  const dataGrants = new DataGrants({
    ...approvals,
    store: announcingWrites(stores.dataGrants, ['add', 'move'], deps.signals),
    clients,
    dataLake: settings.dataLake,
  });
  const retirement = new ProjectRetirement({
    ...project,
    exceptions,
    dataGrants,
    adminGroups: settings.adminGroups,
    notifications,
  });

  // Status: the pipeline makes snapshots, the status service reads them.
  const readModel = new SnapshotReadModel(snapshots);
  const pipeline = new SnapshotPipeline({
    ...deps,
    store: snapshots,
    readModel,
    clients,
    awsEvents: settings.status.awsEvents,
    refreshLease: {
      store: stores.projects,
      minIntervalMs: settings.status.refreshMinIntervalMs,
    },
    afterFullRead: adoption,
    consumers: [
      new ProblemRecorder({ problems: stores.problems, baseline, parameters }),
      new StatusNotifier({
        ...deps,
        store: stores.alerts,
        records,
        snapshots,
        exceptions,
        baseline,
        parameters,
        settleMs: settings.status.notificationSettleMs,
      }),
      new SnapshotSignals(deps.signals),
    ],
  });
  const status = new StatusService({
    ...deps,
    readModel,
    store: snapshots,
    pipeline,
    clients,
    baseline,
    parameters,
    exceptions,
    problems: stores.problems,
  });

  // Studio: a user's profile and URL, and the profiles kept in step.
  const studio = new StudioService({
    ...project,
    permissions: deps.permissions,
    snapshots: status,
    clients,
  });
  const profileSync = new StudioProfileSync({
    ...deps,
    store: stores.projects,
    records,
    studio,
  });

  return {
    status,
    pipeline,
    products: new ProductCheck({ snapshots: status, clients }),
    assessment: new GuardrailAssessmentService({
      projects,
      snapshots: status,
      clients,
      baseline,
      parameters,
      exceptions,
    }),
    projects,
    records,
    adoption,
    provisioning,
    productUpdates: new ProjectProductUpdates({
      access,
      store: stores.projects,
      records,
      clients,
      sharedServicesAccountId:
        settings.provisioning.serviceCatalog?.sharedServicesAccountId,
      logger,
    }),
    retirement,
    studio,
    profileSync,
    cost: new ProjectCostService({
      ...project,
      adminGroups: settings.adminGroups,
      clients,
      cacheTtlMs: settings.cost.cacheTtlMs,
    }),
    // Cost Explorer bills each request: the organization is read once per TTL.
    spend: new ProjectSpendOverview({
      access,
      store: stores.projects,
      adminGroups: settings.adminGroups,
      clients,
      sharedAccountIds: settings.provisioning.serviceCatalog
        ? [settings.provisioning.serviceCatalog.sharedServicesAccountId]
        : [],
      cacheTtlMs: settings.cost.cacheTtlMs,
    }),
    spendingLimits: new SpendingLimitAlerts({
      store: stores.projects,
      alerts: stores.budgetAlerts,
      clients,
      notifications,
      logger,
    }),
    exceptions,
    dataGrants,
    datasets: new DataLakeDatasets({
      clients,
      accountId: settings.dataLake?.accountId,
    }),
  };
}
