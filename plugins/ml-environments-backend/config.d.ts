import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * Configuration of the ML environments plugins; `aws`, `guardrails`,
   * `accounts` and `serviceCatalog` are described by
   * @mlgov/plugin-ml-environments-node.
   */
  mlEnvironments?: {
    status?: {
      /**
       * How often the whole organization is read again. Defaults to every
       * 15 minutes, or daily when AWS events reach the suite (awsEvents).
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * The organization's changes as AWS events (CloudTrail API calls and
       * service events, Config compliance changes) that an EventBridge rule
       * sends to an SQS queue, consumed by
       * @backstage/plugin-events-backend-module-aws-sqs under `topic`
       * (events.modules.awsSqs.awsSqsConsumingEventPublisher.topics.<topic>).
       * Each event's parts are read again and patched into the snapshot.
       */
      awsEvents?: {
        /** Defaults to ml-environments-aws-events. */
        topic?: string;
        /** Events arriving within this time are read together. Defaults to 250 ms. */
        batch?: HumanDuration | string;
        /** When to look again at AWS work still running (a control being enabled). Defaults to 10 s. */
        followUp?: HumanDuration | string;
      };
      /**
       * Shortest time between two refreshes asked for through POST /refresh,
       * across all replicas. Defaults to 60 seconds.
       */
      refreshMinInterval?: HumanDuration | string;
      /** Notifications to project owners about guardrails and account states. */
      notifications?: {
        /**
         * How long a change (a guardrail that stops or starts holding) must
         * last before its owner group is told, so a provisioning run's
         * passing states are never news. Defaults to 5 minutes.
         */
        settle?: HumanDuration | string;
      };
    };
    projects?: {
      /**
       * Projects that exist in AWS (by their ml-project tags) and that the
       * suite adopts at start with the given owner group, once. This is the
       * platform team's word, as config is; users adopt through
       * POST /projects/{project}/adopt with ml-environments.project.adopt.
       */
      adopt?: Array<{ project: string; owner: string }>;
      /** How long a provisioning task holds its project at most. Defaults to 2 hours. */
      lockTimeout?: HumanDuration | string;
      /**
       * Plugins (principal subjects such as `plugin:scaffolder`) whose
       * requests on behalf of a user may write the project record:
       * provisioning, retirement and their completion. A user's own token
       * never may. Defaults to `['plugin:scaffolder']`.
       */
      taskCallers?: string[];
    };
    permissions?: {
      /**
       * Groups (refs such as group:default/platform-team) whose members may
       * refresh, transfer and adopt projects and read the audit trail, under
       * the suite's permission policy (permissionModuleMlEnvironmentsPolicy).
       */
      adminGroups?: string[];
    };
    /** Guardrail exceptions: one account lifted out of one SCP until a date. */
    exceptions?: {
      /** Longest an exception may last, in days. Defaults to 90. */
      maxDays?: number;
      /**
       * Groups whose members approve or reject exceptions (and are told of
       * new requests). Defaults to permissions.adminGroups.
       */
      approverGroups?: string[];
      /**
       * How often carve-outs are checked against the record: ended ones
       * removed, approved ones restored. Defaults to every 5 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** SageMaker Studio profiles of the projects' owner groups. */
    studio?: {
      /**
       * How often each project's Studio profiles are brought in step with
       * its owner group in the catalog (a profile for who joined, the
       * suite's profile of who left deleted). Defaults to every 30 minutes.
       */
      profileSyncSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** What projects spend (AWS Cost Explorer and Budgets). */
    cost?: {
      /**
       * How long month-to-date spend (the organization's for
       * GET /project-costs, a project's for GET /projects/{project}/cost and
       * the MCP get-ml-project-cost) is kept before Cost Explorer, which
       * bills each request, is asked again. Defaults to 1 hour.
       */
      cacheTtl?: HumanDuration | string;
      /**
       * How often sandbox budgets are read to tell owner groups that 80 %
       * and 100 % of the spending limit are passed. Defaults to every hour.
       */
      alertSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** The data lake that projects read, through Lake Formation. */
    dataLake?: {
      /**
       * The data lake account: its Lake Formation grants project accounts
       * read access (the access role must be a data lake administrator).
       * Without it, data-access requests are refused.
       */
      accountId?: string;
      /**
       * Groups whose members approve or reject data-access requests (and are
       * told of them). Defaults to permissions.adminGroups.
       */
      ownerGroups?: string[];
      /** Databases granted on request, with no data owner's approval. */
      selfServiceDatabases?: string[];
      /**
       * How long a project's grants list shows an active grant's access as
       * last read from AWS (Lake Formation and Glue, in the project account)
       * before reading it again: any signed-in user may list a project's
       * grants, and each read is several AWS calls. A changed grant is read
       * anew at once. Defaults to 30 seconds; 0 reads on every list.
       */
      accessCacheTtl?: HumanDuration | string;
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
