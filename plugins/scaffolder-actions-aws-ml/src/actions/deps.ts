import { EventsService } from '@backstage/plugin-events-node';
import {
  MlAwsClients,
  MlProvisioningConfig,
} from '@mlgov/plugin-ml-environments-node';

/**
 * What the actions need: AWS clients, the provisioning settings and,
 * optionally, where to announce a provisioned project.
 */
export interface AwsMlActionDeps {
  clients: Pick<
    MlAwsClients,
    'organizations' | 'controlTower' | 'forAccount' | 'awsConfig'
  >;
  provisioning: MlProvisioningConfig;
  events?: Pick<EventsService, 'publish'>;
}
