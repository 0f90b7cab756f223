import { BudgetsClient } from '@aws-sdk/client-budgets';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import { IAMClient } from '@aws-sdk/client-iam';
import { LakeFormationClient } from '@aws-sdk/client-lakeformation';
import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { MlRetryStrategy } from './retry';
import { addOperationContext } from './awsErrors';

// The clients of a member account, acting through its access role; MlAwsClients
// (clients.ts) builds them once per account.

type Credentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
};
export type CredentialProvider = () => Promise<Credentials>;

/** What the management account's clients are made with. */
export interface ManagementClientConfig {
  region: string;
  endpoint?: string;
  retryStrategy: MlRetryStrategy;
  credentials: CredentialProvider;
}

/** Clients acting in one member account through the assumed access role. @public */
export interface MemberAccountClients {
  accountId: string;
  /**
   * The role these clients act as (the configured member-account role), e.g.
   * the principal made the account's data lake administrator.
   */
  roleArn: string;
  serviceCatalog: ServiceCatalogClient;
  sageMaker: SageMakerClient;
  budgets: BudgetsClient;
  config: ConfigServiceClient;
  /** Lake Formation, for the data lake account's grants to project accounts. */
  lakeFormation: LakeFormationClient;
  /** Glue, for the data lake account's Data Catalog (its databases). */
  glue: GlueClient;
  /** S3, for the product templates the shared services account publishes. */
  s3: S3Client;
  /** IAM, for the account's launch role (the account baseline). */
  iam: IAMClient;
}

/** The role session name, which CloudTrail shows for the suite's calls. */
export const SESSION_NAME = 'backstage-ml-environments';
/** A role session is renewed when less than this is left of it. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * A member account's clients, through its access role assumed with the
 * management account's credentials: one role session for all of them,
 * renewed before it ends, and each service's client made when first used.
 */
export function memberAccountClients(
  accountId: string,
  roleArn: string,
  management: ManagementClientConfig,
): MemberAccountClients {
  const sts = new STSClient(management);
  const assume = async () => {
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: SESSION_NAME,
        DurationSeconds: 3600,
      }),
    );
    if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) {
      throw new Error(`AssumeRole into ${roleArn} returned no credentials`);
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
      expiration: Credentials.Expiration,
    };
  };
  // One session for all of the account's clients, renewed before it ends.
  let session: Promise<Credentials> | undefined;
  const credentials: CredentialProvider = async () => {
    const current = await session?.catch(() => undefined);
    if (
      !current?.expiration ||
      current.expiration.getTime() - Date.now() < RENEW_BEFORE_MS
    ) {
      session = assume();
    }
    return session!;
  };
  const member = { ...management, credentials };
  // Each service's client is made when first used: most uses need one.
  const lazy = <T>(make: () => T) => {
    let client: T | undefined;
    return () => (client ??= make());
  };
  const serviceCatalog = lazy(() =>
    addOperationContext(
      new ServiceCatalogClient(member),
      `Service Catalog in ${accountId}`,
    ),
  );
  const sageMaker = lazy(() =>
    addOperationContext(
      new SageMakerClient(member),
      `SageMaker in ${accountId}`,
    ),
  );
  const budgets = lazy(() =>
    addOperationContext(new BudgetsClient(member), `Budgets in ${accountId}`),
  );
  const config = lazy(() =>
    addOperationContext(
      new ConfigServiceClient(member),
      `AWS Config in ${accountId}`,
    ),
  );
  const lakeFormation = lazy(() =>
    addOperationContext(
      new LakeFormationClient(member),
      `Lake Formation in ${accountId}`,
    ),
  );
  const glue = lazy(() =>
    addOperationContext(new GlueClient(member), `Glue in ${accountId}`),
  );
  const s3 = lazy(() =>
    addOperationContext(
      // A configured endpoint (a VPC endpoint, the emulator) serves
      // buckets by path, not by host name.
      new S3Client({ ...member, forcePathStyle: Boolean(member.endpoint) }),
      `S3 in ${accountId}`,
    ),
  );
  const iam = lazy(() =>
    addOperationContext(new IAMClient(member), `IAM in ${accountId}`),
  );
  return {
    accountId,
    roleArn,
    get iam() {
      return iam();
    },
    get lakeFormation() {
      return lakeFormation();
    },
    get glue() {
      return glue();
    },
    get s3() {
      return s3();
    },
    get serviceCatalog() {
      return serviceCatalog();
    },
    get sageMaker() {
      return sageMaker();
    },
    get budgets() {
      return budgets();
    },
    get config() {
      return config();
    },
  };
}
