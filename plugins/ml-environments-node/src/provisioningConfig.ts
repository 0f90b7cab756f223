import { Config } from '@backstage/config';
import { readMlEnvironmentsAwsConfig } from './config';
import {
  DEFAULT_BASELINE,
  DEFAULT_LAUNCH_ROLE_NAME,
  DEFAULT_GUARDRAIL_PARAMETERS,
  GuardrailBaseline,
  GuardrailParameters,
  RESOURCE_TAG_KEYS,
  validateBaseline,
} from '@mlgov/plugin-ml-environments-common';

/** How the suite provisions, from `mlEnvironments` beyond `aws`. @public */
export interface MlProvisioningConfig {
  baseline: GuardrailBaseline;
  guardrailParameters: GuardrailParameters;
  /** SCPs AWS lets one root, OU or account carry directly. */
  scpQuota: number;
  /** Default for templates, with {project} and {stage}. */
  accountEmailTemplate?: string;
  serviceCatalog?: {
    sharedServicesAccountId: string;
    portfolio: string;
    /** Principals associated with the portfolio in each project account. */
    principalArns: string[];
    /**
     * The role the portfolio's LAUNCH constraints name (LocalRoleName),
     * which the suite keeps in each account; `mlgov-sc-launch` by default.
     */
    launchRoleName: string;
  };
  /**
   * The network each stage's products launch into
   * (`mlEnvironments.network.<stage>`): subnets the network account shares
   * with the stage's OU through AWS RAM, so their ids are the same in every
   * project account.
   */
  network: Partial<Record<string, StageNetwork>>;
  /**
   * Whether offboarding asks AWS to close the suspended accounts (within
   * AWS's closure quota); otherwise they wait in the Suspended OU.
   */
  closeAccounts: boolean;
  /** How often to poll asynchronous AWS work, and for how long. */
  pollIntervalMs: number;
  timeoutMs: number;
}

/** The VPC, subnets and security groups of one stage. @public */
export interface StageNetwork {
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

const NETWORK_STAGES = ['sandbox', 'dev', 'preprod', 'prod', 'automation'];
const NETWORK_IDS = {
  vpcId: /^vpc-[0-9a-f]{8,17}$/,
  subnetIds: /^subnet-[0-9a-f]{8,17}$/,
  securityGroupIds: /^sg-[0-9a-f]{8,17}$/,
};

function readNetwork(config: Config | undefined) {
  const network: Partial<Record<string, StageNetwork>> = {};
  const section = config?.getOptionalConfig('network');
  for (const stage of section?.keys() ?? []) {
    if (!NETWORK_STAGES.includes(stage)) {
      throw invalid(
        `network.${stage}`,
        `unknown stage; the stages are ${NETWORK_STAGES.join(', ')}`,
      );
    }
    const entry = section!.getConfig(stage);
    const value: StageNetwork = {
      vpcId: entry.getString('vpcId'),
      subnetIds: entry.getStringArray('subnetIds'),
      securityGroupIds: entry.getOptionalStringArray('securityGroupIds') ?? [],
    };
    if (!NETWORK_IDS.vpcId.test(value.vpcId)) {
      throw invalid(
        `network.${stage}.vpcId`,
        `'${value.vpcId}' is not a VPC id (vpc-…)`,
      );
    }
    for (const key of ['subnetIds', 'securityGroupIds'] as const) {
      const bad = value[key].filter(id => !NETWORK_IDS[key].test(id));
      if (bad.length) {
        throw invalid(
          `network.${stage}.${key}`,
          `${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} not ${
            key === 'subnetIds'
              ? 'a subnet id (subnet-…)'
              : 'a security group id (sg-…)'
          }`,
        );
      }
    }
    if (!value.subnetIds.length) {
      throw invalid(`network.${stage}.subnetIds`, 'needs at least one subnet');
    }
    network[stage] = value;
  }
  return network;
}

function invalid(key: string, problem: string) {
  return new Error(
    `Invalid configuration at mlEnvironments.${key}: ${problem}`,
  );
}

/**
 * Reads and checks the provisioning settings, naming the key of any bad
 * value, so that a backend with a wrong baseline does not start.
 *
 * @public
 */
export function readMlProvisioningConfig(root: Config): MlProvisioningConfig {
  const config = root.getOptionalConfig('mlEnvironments');

  let baseline = DEFAULT_BASELINE;
  const baselineConfig = config?.getOptionalConfig('guardrails.baseline');
  if (baselineConfig) {
    baseline = Object.fromEntries(
      baselineConfig
        .keys()
        .map(path => [path, baselineConfig.getStringArray(path)]),
    );
    const problems = validateBaseline(baseline);
    if (problems.length > 0) {
      throw invalid('guardrails.baseline', problems.join('; '));
    }
  }

  const parameters = config?.getOptionalConfig('guardrails.parameters');
  const guardrailParameters: GuardrailParameters = {
    exemptRoleArns:
      parameters?.getOptionalStringArray('exemptRoleArns') ??
      DEFAULT_GUARDRAIL_PARAMETERS.exemptRoleArns,
    // The suite's own member-account role may still act in a retired
    // account, to finish a retirement there; it is exempt from nothing else.
    retirementRoleArns: [
      `arn:aws:iam::*:role/${
        readMlEnvironmentsAwsConfig(root).memberAccountRoleName
      }`,
    ],
    allowedInstanceTypes:
      parameters?.getOptionalStringArray('allowedInstanceTypes') ??
      DEFAULT_GUARDRAIL_PARAMETERS.allowedInstanceTypes,
    costTagKeys:
      parameters?.getOptionalStringArray('costTagKeys') ??
      DEFAULT_GUARDRAIL_PARAMETERS.costTagKeys,
  };

  // The SCP may require only tags the suite's own resources carry, or every
  // Studio profile and product it makes would be denied by its own guardrail.
  const foreignKeys = guardrailParameters.costTagKeys.filter(
    key => !RESOURCE_TAG_KEYS.includes(key),
  );
  if (foreignKeys.length > 0) {
    throw invalid(
      'guardrails.parameters.costTagKeys',
      `${foreignKeys.join(', ')} ${
        foreignKeys.length === 1 ? 'is' : 'are'
      } not in the suite's tag scheme; the suite tags accounts and resources with ${RESOURCE_TAG_KEYS.join(
        ', ',
      )}, so require some of those`,
    );
  }

  const scpQuota = config?.getOptionalNumber('guardrails.scpQuota') ?? 10;
  if (!Number.isInteger(scpQuota) || scpQuota < 1 || scpQuota > 100) {
    throw invalid(
      'guardrails.scpQuota',
      `${scpQuota} is not a whole number from 1 to 100`,
    );
  }

  const accountEmailTemplate = config?.getOptionalString(
    'accounts.emailTemplate',
  );
  if (
    accountEmailTemplate !== undefined &&
    !accountEmailTemplate.includes('{stage}')
  ) {
    throw invalid(
      'accounts.emailTemplate',
      `'${accountEmailTemplate}' must contain {stage}, e.g. aws+{project}-{stage}@example.com`,
    );
  }

  const sc = config?.getOptionalConfig('serviceCatalog');
  const serviceCatalog = sc && {
    sharedServicesAccountId: sc.getString('sharedServicesAccountId'),
    portfolio: sc.getString('portfolio'),
    principalArns: sc.getOptionalStringArray('principalArns') ?? [],
    launchRoleName:
      sc.getOptionalString('launchRoleName') ?? DEFAULT_LAUNCH_ROLE_NAME,
  };
  if (
    serviceCatalog &&
    !/^[\w+=,.@-]{1,64}$/.test(serviceCatalog.launchRoleName)
  ) {
    throw invalid(
      'serviceCatalog.launchRoleName',
      `'${serviceCatalog.launchRoleName}' is not an IAM role name (1 to 64 letters, digits and +=,.@_-)`,
    );
  }
  if (
    serviceCatalog &&
    !/^\d{12}$/.test(serviceCatalog.sharedServicesAccountId)
  ) {
    throw invalid(
      'serviceCatalog.sharedServicesAccountId',
      `'${serviceCatalog.sharedServicesAccountId}' is not a 12-digit AWS account id`,
    );
  }

  const pollIntervalMs =
    (config?.getOptionalNumber('provisioning.pollIntervalSeconds') ?? 5) * 1000;
  const timeoutMs =
    (config?.getOptionalNumber('provisioning.timeoutMinutes') ?? 30) * 60_000;
  if (!(pollIntervalMs > 0) || !(timeoutMs > pollIntervalMs)) {
    throw invalid(
      'provisioning',
      'pollIntervalSeconds must be above 0 and timeoutMinutes longer than one poll',
    );
  }

  return {
    baseline,
    guardrailParameters,
    scpQuota,
    accountEmailTemplate,
    serviceCatalog,
    network: readNetwork(config),
    closeAccounts:
      config?.getOptionalBoolean('offboarding.closeAccounts') ?? false,
    pollIntervalMs,
    timeoutMs,
  };
}
