import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DataGrant,
  DataGrantRequest,
  DataGrantState,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { DataLakeConfig } from '../../../config';
import { DataGrantStore } from '../../../database/DataGrantStore';
import { ApprovalNotifier } from '../ApprovalNotifier';
import { ApprovalWorkflow, ApprovalWorkflowOptions } from '../ApprovalWorkflow';
import { DataGrantPolicy } from './DataGrantPolicy';

/** The notifications' topic, for users to filter or mute them. */
export const DATA_ACCESS_TOPIC = 'ml-environments-data-access';

/**
 * Read access to the data lake from request to revocation (see
 * ApprovalWorkflow and DataGrantPolicy): a project's owner group asks for
 * one of its accounts, a data owner approves (or the database is
 * self-service), Lake Formation grants it; a revocation takes it away.
 */
export class DataGrants extends ApprovalWorkflow<
  DataGrant,
  DataGrantRequest,
  DataGrantState
> {
  constructor(
    options: Omit<
      ApprovalWorkflowOptions<DataGrant, DataGrantState>,
      'notifier' | 'store'
    > & {
      store: DataGrantStore;
      clients: Pick<MlAwsClients, 'forAccount'>;
      dataLake?: DataLakeConfig;
      notifications: NotificationService;
      logger: LoggerService;
    },
  ) {
    super(new DataGrantPolicy(options), {
      ...options,
      notifier: new ApprovalNotifier({
        ...options,
        topic: DATA_ACCESS_TOPIC,
        deciders: options.dataLake?.ownerGroups ?? [],
      }),
    });
  }
}
