import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { accountEntity, accountsOf } from './accountEntities';

/**
 * Emits each AWS account of the organization as a catalog Resource, from the
 * ml-environments backend's latest snapshot.
 */
export class AwsAccountEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      defaultOwner: string;
    },
  ) {}

  getProviderName() {
    return 'ml-environments-aws-accounts';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }

  async refresh() {
    if (!this.connection) return;
    const { discovery, auth, logger, defaultOwner } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'ml-environments',
    });
    const baseUrl = await discovery.getBaseUrl('ml-environments');
    const response = await fetch(`${baseUrl}/organization`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status === 503) {
      logger.info(
        'No organization snapshot yet; AWS accounts will appear after the first refresh',
      );
      return;
    }
    if (!response.ok) {
      throw new Error(
        `Reading the organization failed with HTTP ${response.status}`,
      );
    }
    const organization = await response.json();
    const entities = accountsOf(organization.root).map(a =>
      accountEntity(a, defaultOwner),
    );
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    logger.info(`Provided ${entities.length} AWS account entities`);
  }
}
