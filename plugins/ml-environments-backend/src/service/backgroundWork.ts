import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { EventsServiceSubscribeOptions } from '@backstage/plugin-events-node';
import { ML_ENVIRONMENTS_TOPICS } from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsBackendConfig } from '../config';
import { MlEnvironmentsServices } from './createServices';

/** A task on Backstage's scheduler, in global scope: with several replicas, one runs it. */
export interface ScheduledWork {
  id: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  fn: () => Promise<unknown>;
}

/**
 * Everything the plugin does on its own: scheduled tasks and the events it
 * follows, each with why.
 */
export function backgroundWork(
  services: MlEnvironmentsServices,
  settings: MlEnvironmentsBackendConfig,
): { tasks: ScheduledWork[]; subscriptions: EventsServiceSubscribeOptions[] } {
  const { pipeline, exceptions, profileSync, spendingLimits } = services;
  const tasks: ScheduledWork[] = [
    // The whole organization read again: the cold start, then a reconciliation.
    {
      id: 'ml-environments-refresh',
      schedule: settings.status.schedule,
      fn: () => pipeline.refresh(),
    },
    // Carve-outs go when their exception ends, whether or not anyone looks.
    {
      id: 'ml-environments-exceptions',
      schedule: settings.exceptions.schedule,
      fn: () => exceptions.enforce(),
    },
    // Owner groups change in the catalog (people join and leave); Studio follows.
    {
      id: 'ml-environments-studio-profiles',
      schedule: settings.studio.profileSyncSchedule,
      fn: () => profileSync.syncAll(),
    },
    // Sandbox owners hear of 80 % and 100 % of the spending limit from the suite, not only by email.
    {
      id: 'ml-environments-spending-limits',
      schedule: settings.cost.alertSchedule,
      fn: () => spendingLimits.check(),
    },
  ];
  const subscriptions: EventsServiceSubscribeOptions[] = [
    // The organization's changes, patched into the snapshot between full reads.
    {
      id: 'ml-environments-aws-events',
      topics: [settings.status.awsEventsTopic],
      onEvent: async ({ eventPayload }) => pipeline.applyAwsEvent(eventPayload),
    },
  ];
  // A project a template just provisioned or retired should show without
  // waiting for the schedule; AWS events, when they arrive, bring it anyway.
  if (!settings.status.awsEventsArrive) {
    subscriptions.push({
      id: 'ml-environments-status',
      topics: [
        ML_ENVIRONMENTS_TOPICS.projectProvisioned,
        ML_ENVIRONMENTS_TOPICS.projectRetired,
      ],
      onEvent: async () => {
        await pipeline.refresh();
      },
    });
  }
  return { tasks, subscriptions };
}
