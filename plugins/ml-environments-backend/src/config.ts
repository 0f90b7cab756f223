import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_EXCEPTION_MAX_DAYS } from '@mlgov/plugin-ml-environments-common';
import {
  MlProvisioningConfig,
  readMlProvisioningConfig,
} from '@mlgov/plugin-ml-environments-node';
import { unsafeDeploymentReason } from './service/unsafeDeployment';

/** `mlEnvironments.dataLake`: where the corporate data is and who owns it. */
export interface DataLakeConfig {
  /** The data lake account, whose Lake Formation grants to project accounts. */
  accountId: string;
  /** Who approves requests (and is told of them). */
  ownerGroups: string[];
  /** Databases granted on request, without a data owner's approval. */
  selfService: string[];
  /** How long an active grant's access, as read from AWS, is shown again. */
  accessCacheTtlMs: number;
}

/**
 * Everything the backend plugin reads from configuration (its schema is
 * `config.d.ts`), read once at start so a malformed value stops the
 * backend with the key's name. `aws` and `mlEnvironments.aws` are read by
 * `MlAwsClients.fromConfig` of `-node`.
 */
export interface MlEnvironmentsBackendConfig {
  /** The guardrail baseline and parameters (`-node`). */
  provisioning: MlProvisioningConfig;
  status: {
    /** The full read's schedule (`status.schedule`). */
    schedule: SchedulerServiceTaskScheduleDefinition;
    /** The events topic of the organization's AWS events. */
    awsEventsTopic: string;
    /** Whether Backstage's SQS module publishes on that topic. */
    awsEventsArrive: boolean;
    awsEvents: { batchMs: number; followUpMs: number };
    refreshMinIntervalMs: number;
    notificationSettleMs: number;
  };
  projects: {
    adopt: Array<{ project: string; owner: string }>;
    lockMs: number;
    taskCallers?: string[];
  };
  /** `permissions.adminGroups`, as group refs. */
  adminGroups: string[];
  exceptions: {
    maxDays: number;
    approverGroups: string[];
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  studio: { profileSyncSchedule: SchedulerServiceTaskScheduleDefinition };
  cost: {
    cacheTtlMs: number;
    alertSchedule: SchedulerServiceTaskScheduleDefinition;
  };
  /** Absent when no data lake account is configured. */
  dataLake?: DataLakeConfig;
  /** Why the suite must not serve here (see unsafeDeployment), if it must not. */
  unsafeDeployment?: string;
}

/** How AWS events are applied unless configured (mlEnvironments.status.awsEvents). */
export const DEFAULT_AWS_EVENTS = { batchMs: 250, followUpMs: 10_000 };

/**
 * Group refs from a config key, in the form records and ownership claims
 * use (group:default/platform-team); undefined when the key is not set.
 */
export function readGroupRefs(config: Config, key: string) {
  return config
    .getOptionalStringArray(key)
    ?.map(ref =>
      stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' })),
    );
}

/** Reads and checks the plugin's configuration (see config.d.ts). */
export function readMlEnvironmentsBackendConfig(
  config: Config,
): MlEnvironmentsBackendConfig {
  const durationMs = (key: string, fallbackMs: number) =>
    config.has(key)
      ? durationToMilliseconds(readDurationFromConfig(config, { key }))
      : fallbackMs;
  const scheduleAt = (
    key: string,
    fallback: SchedulerServiceTaskScheduleDefinition,
  ) => {
    const configured = config.getOptionalConfig(key);
    return configured
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(configured)
      : fallback;
  };
  const adminGroups =
    readGroupRefs(config, 'mlEnvironments.permissions.adminGroups') ?? [];
  const awsEventsTopic =
    config.getOptionalString('mlEnvironments.status.awsEvents.topic') ??
    'ml-environments-aws-events';
  const awsEventsArrive = config.has(
    `events.modules.awsSqs.awsSqsConsumingEventPublisher.topics.${awsEventsTopic}`,
  );
  const dataLakeAccountId = config.getOptionalString(
    'mlEnvironments.dataLake.accountId',
  );
  return {
    provisioning: readMlProvisioningConfig(config),
    status: {
      // With events keeping the snapshot current, the full read is a daily reconciliation.
      schedule: scheduleAt('mlEnvironments.status.schedule', {
        frequency: awsEventsArrive ? { hours: 24 } : { minutes: 15 },
        timeout: { minutes: 30 },
        initialDelay: { seconds: 10 },
      }),
      awsEventsTopic,
      awsEventsArrive,
      awsEvents: {
        batchMs: durationMs(
          'mlEnvironments.status.awsEvents.batch',
          DEFAULT_AWS_EVENTS.batchMs,
        ),
        followUpMs: durationMs(
          'mlEnvironments.status.awsEvents.followUp',
          DEFAULT_AWS_EVENTS.followUpMs,
        ),
      },
      refreshMinIntervalMs: durationMs(
        'mlEnvironments.status.refreshMinInterval',
        60_000,
      ),
      notificationSettleMs: durationMs(
        'mlEnvironments.status.notifications.settle',
        5 * 60 * 1000,
      ),
    },
    projects: {
      adopt: (
        config.getOptionalConfigArray('mlEnvironments.projects.adopt') ?? []
      ).map(c => ({
        project: c.getString('project'),
        owner: c.getString('owner'),
      })),
      lockMs: durationMs(
        'mlEnvironments.projects.lockTimeout',
        2 * 60 * 60 * 1000,
      ),
      taskCallers: config.getOptionalStringArray(
        'mlEnvironments.projects.taskCallers',
      ),
    },
    adminGroups,
    exceptions: {
      maxDays:
        config.getOptionalNumber('mlEnvironments.exceptions.maxDays') ??
        DEFAULT_EXCEPTION_MAX_DAYS,
      approverGroups:
        readGroupRefs(config, 'mlEnvironments.exceptions.approverGroups') ??
        adminGroups,
      schedule: scheduleAt('mlEnvironments.exceptions.schedule', {
        frequency: { minutes: 5 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 30 },
      }),
    },
    studio: {
      profileSyncSchedule: scheduleAt(
        'mlEnvironments.studio.profileSyncSchedule',
        {
          frequency: { minutes: 30 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
        },
      ),
    },
    cost: {
      cacheTtlMs: durationMs('mlEnvironments.cost.cacheTtl', 60 * 60 * 1000),
      // Budgets refresh spend a few times a day: hourly is timely enough.
      alertSchedule: scheduleAt('mlEnvironments.cost.alertSchedule', {
        frequency: { hours: 1 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 2 },
      }),
    },
    dataLake: dataLakeAccountId
      ? {
          accountId: dataLakeAccountId,
          ownerGroups:
            readGroupRefs(config, 'mlEnvironments.dataLake.ownerGroups') ??
            adminGroups,
          selfService:
            config.getOptionalStringArray(
              'mlEnvironments.dataLake.selfServiceDatabases',
            ) ?? [],
          accessCacheTtlMs: durationMs(
            'mlEnvironments.dataLake.accessCacheTtl',
            30 * 1000,
          ),
        }
      : undefined,
    unsafeDeployment: unsafeDeploymentReason(config),
  };
}
