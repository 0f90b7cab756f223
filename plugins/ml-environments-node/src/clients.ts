import { addRateLimit } from './rateLimit';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { IAMClient } from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { Config } from '@backstage/config';
import { ControlTowerRestClient } from './aws/controlTowerRest';
import { MlRetryStrategy } from './retry';
import { addOperationContext } from './awsErrors';
import { partitionOf } from '@mlgov/plugin-ml-environments-common';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { MlEnvironmentsAwsConfig, readMlEnvironmentsAwsConfig } from './config';
import {
  CredentialProvider,
  ManagementClientConfig,
  MemberAccountClients,
  SESSION_NAME,
  memberAccountClients,
} from './memberClients';

export type { MemberAccountClients } from './memberClients';

/**
 * Cost Explorer's calls, kept slow on purpose: AWS bills each request, and a
 * cost view needs one.
 */
const COST_EXPLORER_RATE_LIMITS = { '*': { ratePerSecond: 1, burst: 5 } };
/** Member accounts whose clients are kept; a larger organization reuses the most recent. */
const MAX_CACHED_ACCOUNTS = 200;

/**
 * Builds AWS SDK v3 clients for the ML environments plugins: management
 * account credentials from @backstage/integration-aws-node, member accounts
 * through the configured role, the SDK's adaptive retry with AWS's conflict
 * errors retried too (MlRetryStrategy), and the configured endpoint (the
 * local emulator) when there is one.
 *
 * @public
 */
export class MlAwsClients {
  static fromConfig(
    config: Config,
    options: { logger?: { warn(message: string): void } } = {},
  ): MlAwsClients {
    const { logger } = options;
    return new MlAwsClients(
      readMlEnvironmentsAwsConfig(config),
      DefaultAwsCredentialsManager.fromConfig(config),
      logger &&
        ((reason, attempt) =>
          logger.warn(`AWS call retried (attempt ${attempt + 1}): ${reason}`)),
    );
  }

  constructor(
    readonly awsConfig: MlEnvironmentsAwsConfig,
    private readonly credentialsManager: AwsCredentialsManager,
    /** Told of every retry, with AWS's reason (e.g. to log it). */
    private readonly onRetry?: (reason: string, attempt: number) => void,
  ) {}

  /**
   * The same clients, telling `listener` of each retry too (as well as the
   * listener these were made with), e.g. to write it in a task's log.
   */
  withRetryListener(
    listener: (reason: string, attempt: number) => void,
  ): MlAwsClients {
    const own = this.onRetry;
    return new MlAwsClients(
      this.awsConfig,
      this.credentialsManager,
      (reason, attempt) => {
        own?.(reason, attempt);
        listener(reason, attempt);
      },
    );
  }

  /** Organizations, acting as the management account. */
  async organizations(): Promise<OrganizationsClient> {
    return addOperationContext(
      addRateLimit(
        new OrganizationsClient(await this.managementClientConfig()),
        this.awsConfig.organizationsRateLimits,
      ),
      'Organizations',
    );
  }

  /**
   * Cost Explorer, as the management account (it sees every linked
   * account's cost), held to COST_EXPLORER_RATE_LIMITS.
   */
  async costExplorer(): Promise<CostExplorerClient> {
    return addOperationContext(
      addRateLimit(
        new CostExplorerClient(await this.managementClientConfig()),
        COST_EXPLORER_RATE_LIMITS,
      ),
      'Cost Explorer',
    );
  }

  /** Control Tower, acting as the management account (see ControlTowerRestClient). */
  async controlTower(): Promise<ControlTowerRestClient> {
    const { region, endpoint, credentials } =
      await this.managementClientConfig();
    return new ControlTowerRestClient({
      region,
      endpoint,
      credentials,
      retryStrategy: this.retryStrategy(),
    });
  }

  /** AWS Config, acting as the management account (for the aggregator). */
  async managementConfig(): Promise<ConfigServiceClient> {
    return addOperationContext(
      new ConfigServiceClient(await this.managementClientConfig()),
      'AWS Config',
    );
  }

  /** IAM, as the management account (for its policy simulator). */
  async iam(): Promise<IAMClient> {
    return addOperationContext(
      new IAMClient(await this.managementClientConfig()),
      'IAM',
    );
  }

  /** Who the management credentials stand for: the account and the caller's ARN. */
  async managementIdentity(): Promise<{ accountId: string; arn: string }> {
    const sts = addOperationContext(
      new STSClient(await this.managementClientConfig()),
      'STS',
    );
    const { Account, Arn } = await sts.send(new GetCallerIdentityCommand({}));
    return { accountId: Account!, arn: Arn! };
  }

  /** Budgets, as the management account. */
  async managementBudgets(): Promise<BudgetsClient> {
    return addOperationContext(
      new BudgetsClient(await this.managementClientConfig()),
      'Budgets',
    );
  }

  /**
   * Clients in a member account, through its access role assumed from the
   * management account, built once per account and reused (one AssumeRole
   * per hour rather than per use). Credentials are fetched when first needed
   * and refreshed by the SDK before they expire.
   */
  forAccount(accountId: string): Promise<MemberAccountClients> {
    let clients = this.memberClients.get(accountId);
    // Most recently used last, so the oldest goes first when full.
    this.memberClients.delete(accountId);
    if (!clients) {
      clients = this.buildMemberClients(accountId);
      // A failure is not kept: the next use tries again.
      clients.catch(() => this.memberClients.delete(accountId));
    }
    this.memberClients.set(accountId, clients);
    if (this.memberClients.size > MAX_CACHED_ACCOUNTS) {
      this.memberClients.delete(this.memberClients.keys().next().value!);
    }
    return clients;
  }

  private readonly memberClients = new Map<
    string,
    Promise<MemberAccountClients>
  >();

  /**
   * Whether the account's access role can be assumed now: undefined, or
   * AWS's refusal. A role CreateAccount just made is refused for a while
   * (IAM propagation), so new accounts are waited for with this.
   */
  async assumeRoleRefusal(accountId: string): Promise<string | undefined> {
    const sts = new STSClient(await this.managementClientConfig());
    try {
      await sts.send(
        new AssumeRoleCommand({
          RoleArn: this.memberRoleArn(accountId),
          RoleSessionName: SESSION_NAME,
          DurationSeconds: 900,
        }),
      );
      return undefined;
    } catch (error) {
      if ((error as Error).name !== 'AccessDenied') throw error;
      return (error as Error).message;
    }
  }

  private memberRoleArn(accountId: string) {
    const { partition } = partitionOf(this.awsConfig.region);
    return `arn:${partition}:iam::${accountId}:role/${this.awsConfig.memberAccountRoleName}`;
  }

  private async buildMemberClients(
    accountId: string,
  ): Promise<MemberAccountClients> {
    return memberAccountClients(
      accountId,
      this.memberRoleArn(accountId),
      await this.managementClientConfig(),
    );
  }

  private async managementClientConfig(): Promise<ManagementClientConfig> {
    const { sdkCredentialProvider } =
      await this.credentialsManager.getCredentialProvider();
    const { region, endpoint } = this.awsConfig;
    return {
      region,
      endpoint,
      retryStrategy: this.retryStrategy(),
      credentials: sdkCredentialProvider as CredentialProvider,
    };
  }

  private retryStrategy() {
    return new MlRetryStrategy(this.awsConfig.maxAttempts, this.onRetry);
  }
}
