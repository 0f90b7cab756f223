import { createBackend } from '@backstage/backend-defaults';
import { catalogModuleMlEnvironmentAccounts } from '@mlgov/plugin-ml-environments-backend';
import {
  catalogModuleFileLocations,
  scaffolderModuleLocalPublishing,
} from './localPublishing';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: guest locally; add your company's provider module in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

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
// Offline publishing for the templates in local development (publish:local
// into a local git repository, registered as a file location); production
// publishes with publish:github or publish:gitlab instead.
backend.add(scaffolderModuleLocalPublishing);
backend.add(catalogModuleFileLocations);

backend.add(import('@backstage/plugin-techdocs-backend'));

// Permissions: allow-all locally; see docs/architecture.md for a real policy.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@mlgov/plugin-ml-environments-backend'));

backend.start();
