// The environment app-config.production.yaml reads, as the production
// checks and the replicas give it: the CI's PostgreSQL, the emulator's suite
// principals (held to the generated policies, docs/deployment.md), and
// placeholders for what no check here reaches (GitHub, TechDocs' bucket).

/** Everything app-config.production.yaml reads, for a backend at `baseUrl`. */
export function productionEnvironment(
  baseUrl: string,
  secret: string,
): Record<string, string> {
  const connection = new URL(
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
      'postgresql://postgres:postgres@localhost:5432',
  );
  return {
    NODE_ENV: 'production',
    APP_BASE_URL: baseUrl,
    BACKEND_BASE_URL: baseUrl,
    BACKEND_SECRET: secret,
    POSTGRES_HOST: connection.hostname,
    POSTGRES_PORT: connection.port || '5432',
    POSTGRES_USER: decodeURIComponent(connection.username),
    POSTGRES_PASSWORD: decodeURIComponent(connection.password),
    AWS_REGION: 'us-east-1',
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
