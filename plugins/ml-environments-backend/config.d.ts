import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * Configuration of the ML environments plugins; `aws`, `guardrails`,
   * `accounts` and `serviceCatalog` are described by
   * @mlgov/plugin-ml-environments-node.
   */
  mlEnvironments?: {
    status?: {
      /** How often the organization snapshot is refreshed. Defaults to every 15 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** The catalog module that emits AWS accounts as Resources. */
    catalog?: {
      /** Owner of accounts whose tags name none. Defaults to group:default/platform-team. */
      defaultOwner?: string;
      /** How often accounts are read. Defaults to every 15 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
