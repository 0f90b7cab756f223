import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  MlAwsClients,
  MlProjectAuthority,
  MlProvisioningConfig,
} from '@mlgov/plugin-ml-environments-node';

/**
 * What the actions need: AWS clients, the provisioning settings, the suite's
 * record of projects (who may act on which) and, optionally, where to
 * announce a provisioned project.
 */
export interface AwsMlActionDeps {
  clients: Pick<
    MlAwsClients,
    | 'organizations'
    | 'controlTower'
    | 'forAccount'
    | 'assumeRoleRefusal'
    | 'iam'
    | 'managementIdentity'
    | 'managementBudgets'
    | 'awsConfig'
    | 'withRetryListener'
  >;
  provisioning: MlProvisioningConfig;
  projects: MlProjectAuthority;
  /** Decides who may change OUs and the root (the suite's permissions). */
  permissions: Pick<PermissionsService, 'authorize'>;
  events?: Pick<EventsService, 'publish'>;
  /**
   * The user entity names of a group's members, from the catalog, read
   * with the task user's credentials; each gets a Studio profile.
   */
  groupMembers?: (
    groupRef: string,
    credentials: BackstageCredentials,
  ) => Promise<string[]>;
}

/**
 * The deps of one task run: each AWS retry, with AWS's reason, is written in
 * the task's log as well as the backend's, so the person who started the
 * template sees why a step takes long.
 */
export function depsForTask(
  deps: AwsMlActionDeps,
  logger: Pick<LoggerService, 'warn'>,
): AwsMlActionDeps {
  return {
    ...deps,
    clients: deps.clients.withRetryListener((reason, attempt) =>
      logger.warn(`AWS call retried (attempt ${attempt + 1}): ${reason}`),
    ),
  };
}
