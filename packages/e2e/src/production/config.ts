// The production backend's test setup: the environment
// app-config.production.yaml reads, and what this test adds to it.
import { mkdirSync, writeFileSync } from 'node:fs';

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
  const connection = new URL(
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
      'postgresql://postgres:postgres@localhost:5432',
  );
  return {
    NODE_ENV: 'production',
    APP_BASE_URL: BACKEND,
    BACKEND_BASE_URL: BACKEND,
    BACKEND_SECRET: 'e2e-production-secret-not-for-real-use',
    POSTGRES_HOST: connection.hostname,
    POSTGRES_PORT: connection.port || '5432',
    POSTGRES_USER: decodeURIComponent(connection.username),
    POSTGRES_PASSWORD: decodeURIComponent(connection.password),
    AWS_REGION: 'us-east-1',
    // The suite's principals, held to the generated policies (docs/deployment.md).
    AWS_ACCESS_KEY_ID: 'emulator-backstage',
    AWS_SECRET_ACCESS_KEY: 'emulator-placeholder',
    ML_ENVIRONMENTS_MEMBER_ROLE_NAME: 'ml-environments-member',
    ML_ENVIRONMENTS_ACCOUNT_EMAIL_TEMPLATE: 'aws+{project}-{stage}@example.com',
    ML_ENVIRONMENTS_ADMIN_GROUP: 'group:default/platform-team',
    ML_ENVIRONMENTS_SHARED_SERVICES_ACCOUNT_ID: '100000000010',
    ML_ENVIRONMENTS_PORTFOLIO: 'ML Platform',
    ML_ENVIRONMENTS_GITHUB_OWNER: 'example',
    GITHUB_HOST: 'github.com',
    GITHUB_TOKEN: 'unused',
    TECHDOCS_BUCKET: 'unused',
  };
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
