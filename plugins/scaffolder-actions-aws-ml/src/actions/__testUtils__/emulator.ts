import { CreateOrganizationalUnitCommand } from '@aws-sdk/client-organizations';
import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  startEmulator,
  SUITE_MEMBER_ROLE,
  suiteConfigFor,
  type EmulatorOptions,
  type RunningEmulator,
  type SeedDocument,
} from '@mlgov/aws-emulator';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { resolve } from 'node:path';
import { AwsMlActionDeps } from '../deps';
import { testAuthority } from './authority';
import { testProvisioning } from './testing';

export const demoSeed = (): SeedDocument =>
  readSeedFile(
    resolve(__dirname, '../../../../../packages/aws-emulator/seeds/demo.yaml'),
  );

/**
 * The demo organization as a company that has not done the one-time
 * Service Catalog setup has it: Organizations access off, no delegated
 * administrator, and so the portfolio shared with no OU.
 */
export const demoSeedWithoutSharing = (): SeedDocument => {
  const seed = demoSeed();
  return {
    ...seed,
    organization: {
      ...seed.organization,
      trustedServices: [],
      delegatedAdministrators: {},
    },
    serviceCatalog: seed.serviceCatalog!.map(p => ({ ...p, shareWith: [] })),
  };
};

/**
 * The demo organization before the platform team first published its
 * products: an empty portfolio, nothing launched from it.
 */
export const demoSeedBeforePublishing = (): SeedDocument => {
  const seed = demoSeed();
  return {
    ...seed,
    serviceCatalog: seed.serviceCatalog!.map(p => ({
      ...p,
      publish: undefined,
      products: [],
    })),
    provisionedProducts: [],
  };
};

/** The demo seed's Service Catalog setup, as app-config would name it. */
export const demoServiceCatalog = {
  sharedServicesAccountId: '100000000010',
  portfolio: 'ML Platform',
  // None: the suite associates its own member role (launchPrincipalsFor).
  principalArns: [] as string[],
};

/**
 * The demo's network (app-config.emulator.yaml's mlEnvironments.network):
 * subnets the network account shares with the Workloads and Sandbox OUs.
 */
export const demoNetwork = {
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  subnetIds: ['subnet-0a1b2c3d4e5f60719', 'subnet-0b1c2d3e4f5a6b7c8'],
  securityGroupIds: ['sg-0c1d2e3f4a5b6c7d8'],
};
export const demoNetworkConfig = {
  sandbox: {
    vpcId: 'vpc-05a4db0c0ffee0010',
    subnetIds: ['subnet-05a4db0c0ffee0011'],
  },
  dev: demoNetwork,
};

/** An emulator and the actions' deps pointed at it through the real SDK path. */
export async function startActionsEnv(
  options: EmulatorOptions = {},
  aws: {
    maxAttempts?: number;
    organizationsRateLimits?: object;
    /** How often asynchronous work is polled; the tests' default is 10 ms. */
    pollIntervalSeconds?: number;
  } = {},
  authority = testAuthority(),
) {
  const emulator: RunningEmulator = await startEmulator({
    seed: demoSeed(),
    ...options,
    config: { asyncDelayMs: 0, ...options.config },
  });
  const config = new ConfigReader(
    suiteConfigFor(emulator.url, {
      maxAttempts: aws.maxAttempts ?? 3,
      ...(aws.organizationsRateLimits
        ? { organizationsRateLimits: aws.organizationsRateLimits }
        : {}),
    }),
  );
  const deps: AwsMlActionDeps = {
    clients: MlAwsClients.fromConfig(config),
    provisioning: testProvisioning({
      // As app-config gives both: the suite's member role in the emulator.
      aws: { memberAccountRoleName: SUITE_MEMBER_ROLE },
      serviceCatalog: demoServiceCatalog,
      network: demoNetworkConfig,
      ...(aws.pollIntervalSeconds
        ? {
            provisioning: {
              pollIntervalSeconds: aws.pollIntervalSeconds,
              timeoutMinutes: 10,
            },
          }
        : {}),
    }),
    projects: authority.authority,
    permissions: authority.permissions,
  };
  /** Mutating calls the emulator has answered, by operation. */
  const mutatingCalls = () => emulator.mutatingCallCounts();
  /** Makes an OU the way a step before the tested one would. */
  const createOu = async (parentName: string, name: string) => {
    const parent = [...emulator.state.ous.values()].find(
      o => o.name === parentName,
    )!;
    await (
      await deps.clients.organizations()
    ).send(
      new CreateOrganizationalUnitCommand({ ParentId: parent.id, Name: name }),
    );
  };
  return { emulator, deps, mutatingCalls, authority, createOu };
}
