import {
  MlAwsClients,
  MlProvisioningConfig,
} from '@mlgov/plugin-ml-environments-node';

/** What the actions need: AWS clients and the provisioning settings. */
export interface AwsMlActionDeps {
  clients: Pick<
    MlAwsClients,
    'organizations' | 'controlTower' | 'forAccount' | 'awsConfig'
  >;
  provisioning: MlProvisioningConfig;
}
