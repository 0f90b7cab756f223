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
  };
}
