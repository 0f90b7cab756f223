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
    'organizations' | 'controlTower' | 'forAccount' | 'awsConfig'
  >;
  provisioning: MlProvisioningConfig;
  projects: MlProjectAuthority;
  events?: Pick<EventsService, 'publish'>;
}
