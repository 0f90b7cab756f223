// The production backend's test setup: the environment
// app-config.production.yaml reads, and what this test adds to it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { productionEnvironment } from '../lib/productionEnv.ts';

export const PORT = 7017;
export const EMULATOR_PORT = 4598;
export const BACKEND = `http://localhost:${PORT}`;
export const EMULATOR = `http://127.0.0.1:${EMULATOR_PORT}`;
export const TEST_CONFIG = '.ci-out/production-e2e.yaml';

export const TRANSFORM = [
  '--require',
  '@backstage/cli-node/config/nodeTransform.cjs',
];
export const CONFIG_ARGS = [
  '--config',
  'app-config.yaml',
  '--config',
  'app-config.production.yaml',
];

/** Everything app-config.production.yaml reads from the environment. */
export function productionEnv(): Record<string, string> {
  return productionEnvironment(
    BACKEND,
    'e2e-production-secret-not-for-real-use',
  );
}

/**
 * What this test adds to the production configuration: the emulator as AWS,
 * the demo's users and groups, local TechDocs (no S3 here), the test users,
 * and the demo project the platform team adopts.
 */
export function writeTestConfig(): void {
  mkdirSync('.ci-out', { recursive: true });
  writeFileSync(
    TEST_CONFIG,
    `backend:
  listen: ':${PORT}'
  database:
    # A new database each run, so nothing of an earlier run is read.
    connection: { database: ml_environments_e2e_${Date.now()} }
    pluginDivisionMode: schema
auth:
  providers:
    e2eUsers: { users: [guest, mallory, ada] }
catalog:
  locations:
    - type: file
      target: ${process.cwd()}/examples/org.yaml
      rules: [{ allow: [User, Group] }]
    - type: file
      target: ${process.cwd()}/templates/ml-sandbox-project.yaml
      rules: [{ allow: [Template] }]
techdocs:
  publisher: { type: local }
mlEnvironments:
  aws: { endpoint: 'http://127.0.0.1:${EMULATOR_PORT}' }
  projects:
    adopt: [{ project: churn-prediction, owner: group:default/team-churn }]
  status:
    # No scheduled read during the test: the first snapshot is the one an
    # administrator asks for, so the time before it can be tested.
    schedule: { frequency: { minutes: 60 }, timeout: { minutes: 5 }, initialDelay: { minutes: 60 } }
`,
  );
}
