/** The access key the seeds map to the management account by default. */
const MANAGEMENT_ACCESS_KEY = 'emulator-management';

/**
 * The emulator throttles only when its throttling is on: the suite need not
 * hold its Organizations calls to AWS's rates (pass AWS's to measure them).
 */
export const EMULATOR_RATE_LIMITS = {
  list: { ratePerSecond: 10000, burst: 10000 },
  describePolicy: { ratePerSecond: 10000, burst: 10000 },
};

/**
 * App-config data that points the suite's AWS clients at an emulator, as its
 * management account (what app-config.emulator.yaml does for `npm run dev`),
 * for tests and benchmarks. `aws` adds keys under `mlEnvironments.aws`.
 */
export function suiteConfigFor(url: string, aws: Record<string, unknown> = {}) {
  return {
    aws: {
      mainAccount: {
        accessKeyId: MANAGEMENT_ACCESS_KEY,
        // The emulator checks no signatures.
        secretAccessKey: 'emulator-placeholder',
      },
    },
    mlEnvironments: {
      aws: {
        endpoint: url,
        organizationsRateLimits: EMULATOR_RATE_LIMITS,
        ...aws,
      },
    },
  };
}
