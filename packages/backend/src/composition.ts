import { createBackend } from '@backstage/backend-defaults';
import { ConfigSources } from '@backstage/config-loader';
import {
  catalogModuleMlEnvironmentAccounts,
  permissionModuleMlEnvironmentsPolicy,
} from '@mlgov/plugin-ml-environments-backend';
import { unsafeStartReason } from './productionGuard';
import { searchModuleLunrEngine } from './searchEngine';

/**
 * The backend as production runs it, not yet started; it refuses an unsafe
 * start first. Local development adds its extras (devExtras/) only when
 * scripts/dev.sh sets ML_ENVIRONMENTS_DEV_EXTRAS=true.
 */
export async function createProductionBackend() {
  const config = await ConfigSources.toConfig(
    ConfigSources.default({ argv: process.argv, env: process.env }),
  );
  const refusal = unsafeStartReason({
    env: process.env,
    authEnvironment: config.getOptionalString('auth.environment'),
    permissionEnabled: config.getOptionalBoolean('permission.enabled'),
  });
  config.close?.();
  if (refusal) throw new Error(refusal);

  const backend = createBackend();

  backend.add(import('@backstage/plugin-app-backend'));
  backend.add(import('@backstage/plugin-proxy-backend'));

  // Sign-in: add your company's provider module here.
  backend.add(import('@backstage/plugin-auth-backend'));

  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  );
  backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
  // Each AWS account of the organization as a catalog Resource.
  backend.add(catalogModuleMlEnvironmentAccounts);

  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(import('@mlgov/plugin-scaffolder-backend-module-aws-ml'));
  // publish:github, used by the templates in production.
  backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));

  backend.add(import('@backstage/plugin-techdocs-backend'));

  // The suite's policy: owners act on their projects (decided on the suite's
  // record), everyone reads, mlEnvironments.permissions.adminGroups administer.
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(permissionModuleMlEnvironmentsPolicy);

  backend.add(import('@backstage/plugin-search-backend'));
  // Postgres search where the database is Postgres; otherwise (SQLite, as in
  // local development) Lunr that finds nothing, rather than failing, for a
  // type not indexed yet (TechDocs before any doc is built).
  backend.add(import('@backstage/plugin-search-backend-module-pg'));
  backend.add(searchModuleLunrEngine);
  backend.add(import('@backstage/plugin-search-backend-module-catalog'));
  backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

  backend.add(import('@mlgov/plugin-ml-environments-backend'));
  // Where the suite's notifications to project owners go (new or resolved
  // guardrail problems), shown by the frontend's notifications plugin.
  backend.add(import('@backstage/plugin-notifications-backend'));
  // Pushes notifications, and the suite's "snapshot changed" signal, to open
  // pages (the app's signals plugin receives them over a WebSocket).
  backend.add(import('@backstage/plugin-signals-backend'));
  // The organization's AWS events, from the SQS queue an EventBridge rule
  // fills (events.modules.awsSqs in app-config), keep the status current.
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(import('@backstage/plugin-events-backend-module-aws-sqs'));
  // The suite's read-only actions as MCP tools for agents, at
  // /api/mcp-actions/v1 (backend.actions.pluginSources in app-config).
  backend.add(import('@backstage/plugin-mcp-actions-backend'));

  // Scorecards: Tech Insights with its JSON-rules checks (techInsights in
  // app-config) and the suite's facts of each ML project and AWS account.
  backend.add(import('@backstage-community/plugin-tech-insights-backend'));
  backend.add(
    import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
  );
  backend.add(
    import('@mlgov/plugin-tech-insights-backend-module-ml-environments'),
  );

  if (process.env.ML_ENVIRONMENTS_DEV_EXTRAS === 'true') {
    backend.add(import('./devExtras'));
  }

  return backend;
}
