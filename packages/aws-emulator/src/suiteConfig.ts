import { SUITE_ACCESS_KEY, SUITE_MEMBER_ROLE } from './seedSuite.ts';

/**
 * The emulator throttles only when its throttling is on: the suite need not
 * hold its Organizations calls to AWS's rates (pass AWS's to measure them).
 */
export const EMULATOR_RATE_LIMITS = {
  list: { ratePerSecond: 10000, burst: 10000 },
  describePolicy: { ratePerSecond: 10000, burst: 10000 },
};

/**
 * App-config data that points the suite's AWS clients at an emulator, as the
 * suite's own principals with their generated policies (what
 * app-config.emulator.yaml does for `npm run dev`), for tests and
 * benchmarks. `aws` adds keys under `mlEnvironments.aws`.
 */
export function suiteConfigFor(url: string, aws: Record<string, unknown> = {}) {
  return {
    aws: {
      mainAccount: {
        accessKeyId: SUITE_ACCESS_KEY,
        // The emulator checks no signatures.
        secretAccessKey: 'emulator-placeholder',
      },
    },
    mlEnvironments: {
      aws: {
        endpoint: url,
        memberAccountRoleName: SUITE_MEMBER_ROLE,
        organizationsRateLimits: EMULATOR_RATE_LIMITS,
        ...aws,
      },
    },
  };
}

/**
 * The same, but as the emulator's administrator (`emulator-management`)
 * acting through OrganizationAccountAccessRole, which has no policies: for
 * a test's own setup (making a domain, a portfolio) that the suite's
 * policies rightly do not allow, and for the production default role name.
 */
export function adminConfigFor(url: string, aws: Record<string, unknown> = {}) {
  const config = suiteConfigFor(url, {
    memberAccountRoleName: 'OrganizationAccountAccessRole',
    ...aws,
  });
  config.aws.mainAccount.accessKeyId = 'emulator-management';
  return config;
}
