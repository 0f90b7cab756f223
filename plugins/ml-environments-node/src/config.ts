import { Config } from '@backstage/config';
import { ORGANIZATIONS_RATE_LIMITS } from './rateLimit';

/** @public */
export interface MlEnvironmentsAwsConfig {
  region: string;
  endpoint?: string;
  memberAccountRoleName: string;
  maxAttempts: number;
  /** The AWS Config aggregator that holds the detective controls' compliance. */
  configAggregatorName: string;
  /**
   * The IAM role or user whose permissions pre-flight simulates; by default
   * the one behind the management credentials.
   */
  managementPrincipalArn?: string;
  /**
   * Organizations calls per second the suite allows itself, by operation
   * pattern (`List*`); defaults to AWS's published rates.
   */
  organizationsRateLimits: Record<
    string,
    { ratePerSecond: number; burst: number }
  >;
}

/** The aggregator Control Tower creates in the management account. */
export const CONTROL_TOWER_AGGREGATOR =
  'aws-controltower-ConfigAggregatorForOrganizations';
// AWS Config's pattern for aggregator names.
const AGGREGATOR_NAME = /^[\w-]{1,256}$/;

const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
// IAM's pattern for role names.
const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

const IAM_PRINCIPAL_ARN = /^arn:[\w-]+:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

const KEY = 'mlEnvironments.aws';

function invalid(key: string, problem: string): Error {
  return new Error(`Invalid configuration at ${KEY}.${key}: ${problem}`);
}

/**
 * Reads and checks `mlEnvironments.aws`, so that a wrong value stops the
 * backend at start with the key's name rather than failing on the first AWS
 * call.
 *
 * @public
 */
export function readMlEnvironmentsAwsConfig(
  rootConfig: Config,
): MlEnvironmentsAwsConfig {
  const config = rootConfig.getOptionalConfig(KEY);

  const region = config?.getOptionalString('region') ?? 'us-east-1';
  if (!AWS_REGION.test(region)) {
    throw invalid(
      'region',
      `'${region}' is not an AWS region such as us-east-1`,
    );
  }

  const endpoint = config?.getOptionalString('endpoint');
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      throw invalid(
        'endpoint',
        `'${endpoint}' is not an http(s) URL such as http://127.0.0.1:4599`,
      );
    }
  }

  const memberAccountRoleName =
    config?.getOptionalString('memberAccountRoleName') ??
    'OrganizationAccountAccessRole';
  if (!IAM_ROLE_NAME.test(memberAccountRoleName)) {
    throw invalid(
      'memberAccountRoleName',
      `'${memberAccountRoleName}' is not an IAM role name (1 to 64 of letters, digits and +=,.@_-)`,
    );
  }

  const maxAttempts = config?.getOptionalNumber('maxAttempts') ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20) {
    throw invalid(
      'maxAttempts',
      `${maxAttempts} is not a whole number from 1 to 20`,
    );
  }

  const configAggregatorName =
    config?.getOptionalString('configAggregatorName') ??
    CONTROL_TOWER_AGGREGATOR;
  if (!AGGREGATOR_NAME.test(configAggregatorName)) {
    throw invalid(
      'configAggregatorName',
      `'${configAggregatorName}' is not an AWS Config aggregator name (1 to 256 letters, digits, _ and -)`,
    );
  }

  const managementPrincipalArn = config?.getOptionalString(
    'managementPrincipalArn',
  );
  if (
    managementPrincipalArn !== undefined &&
    !IAM_PRINCIPAL_ARN.test(managementPrincipalArn)
  ) {
    throw invalid(
      'managementPrincipalArn',
      `'${managementPrincipalArn}' is not the ARN of an IAM role or user, such as arn:aws:iam::111111111111:role/platform/backstage`,
    );
  }

  // Config keys cannot hold `*`: `list` stands for every List* operation,
  // any other key for the operation it names (describePolicy).
  const limitsConfig = config?.getOptionalConfig('organizationsRateLimits');
  const organizationsRateLimits = limitsConfig
    ? Object.fromEntries(
        limitsConfig.keys().map(key => {
          const rate = limitsConfig.getNumber(`${key}.ratePerSecond`);
          const burst = limitsConfig.getOptionalNumber(`${key}.burst`) ?? 1;
          if (!(rate > 0) || !(burst >= 1)) {
            throw invalid(
              `organizationsRateLimits.${key}`,
              `ratePerSecond must be above 0 and burst at least 1 (got ${rate} and ${burst})`,
            );
          }
          const pattern =
            key === 'list'
              ? 'List*'
              : `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
          return [pattern, { ratePerSecond: rate, burst }];
        }),
      )
    : ORGANIZATIONS_RATE_LIMITS;

  return {
    region,
    endpoint,
    memberAccountRoleName,
    maxAttempts,
    configAggregatorName,
    managementPrincipalArn,
    organizationsRateLimits,
  };
}
