import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { Config } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { MlEnvironmentsAwsConfig, readMlEnvironmentsAwsConfig } from './config';

/**
 * Builds AWS SDK v3 clients for the ML environments plugins: management
 * account credentials from @backstage/integration-aws-node, adaptive retry,
 * and the configured endpoint (the local emulator) when there is one.
 *
 * @public
 */
export class MlAwsClients {
  static fromConfig(config: Config): MlAwsClients {
    return new MlAwsClients(
      readMlEnvironmentsAwsConfig(config),
      DefaultAwsCredentialsManager.fromConfig(config),
    );
  }

  constructor(
    readonly awsConfig: MlEnvironmentsAwsConfig,
    private readonly credentialsManager: AwsCredentialsManager,
  ) {}

  /** An Organizations client acting as the management account. */
  async organizations(): Promise<OrganizationsClient> {
    return new OrganizationsClient(await this.managementClientConfig());
  }

  private async managementClientConfig() {
    const { sdkCredentialProvider } =
      await this.credentialsManager.getCredentialProvider();
    const { region, endpoint, maxAttempts } = this.awsConfig;
    return {
      region,
      endpoint,
      maxAttempts,
      retryMode: 'adaptive',
      credentials: sdkCredentialProvider,
    };
  }
}
