/** The access key the seeds map to the management account by default. */
const MANAGEMENT_ACCESS_KEY = 'emulator-management';

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
    mlEnvironments: { aws: { endpoint: url, ...aws } },
  };
}
