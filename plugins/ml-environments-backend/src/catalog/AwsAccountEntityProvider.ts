import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { DefaultApiClient } from '@mlgov/plugin-ml-environments-common';
import { accountEntity, accountsOf } from './accountEntities';

/**
 * Emits each AWS account of the organization as a catalog Resource, from the
 * ml-environments backend's latest snapshot.
 */
export class AwsAccountEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** What the catalog holds from this provider, by entity name, as JSON. */
  private emitted?: Map<string, string>;

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
    const token = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'ml-environments',
    });
    const response = await new DefaultApiClient({
      discoveryApi: discovery,
      fetchApi: { fetch },
    }).getOrganization(token);
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
    const current = new Map(
      entities.map(e => [e.metadata.name, JSON.stringify(e)]),
    );
    const locationKey = this.getProviderName();
    const previous = this.emitted;
    if (!previous) {
      // The first time after start, the whole set: it also removes what an
      // earlier run emitted that no longer exists.
      await this.connection.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({ entity, locationKey })),
      });
      logger.info(`Provided ${entities.length} AWS account entities`);
    } else {
      // Afterwards only what changed, so one account's change costs the
      // catalog one entity, not a thousand.
      const added = entities.filter(
        e => previous.get(e.metadata.name) !== current.get(e.metadata.name),
      );
      const removed = [...previous.keys()].filter(name => !current.has(name));
      if (added.length > 0 || removed.length > 0) {
        await this.connection.applyMutation({
          type: 'delta',
          added: added.map(entity => ({ entity, locationKey })),
          removed: removed.map(name => ({
            entityRef: `resource:default/${name}`,
            locationKey,
          })),
        });
        logger.info(
          `AWS account entities: ${added.length} added or changed, ${removed.length} removed`,
        );
      }
    }
    this.emitted = current;
  }
}
