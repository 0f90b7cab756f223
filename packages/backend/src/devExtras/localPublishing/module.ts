import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogLocationsExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { createPublishLocalAction } from './publishLocal';

const DIRECTORY_KEY = 'mlEnvironments.templates.publish.directory';

/**
 * Adds `publish:local`, writing repositories under
 * `mlEnvironments.templates.publish.directory` (relative to the backend's
 * working directory). Development only: production publishes to GitHub or
 * GitLab.
 */
export const scaffolderModuleLocalPublishing = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'local-publishing',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        scaffolder: scaffolderActionsExtensionPoint,
      },
      async init({ config, catalog, scaffolder }) {
        const directory = path.resolve(
          config.getOptionalString(DIRECTORY_KEY) ?? 'local-repositories',
        );
        scaffolder.addActions(createPublishLocalAction({ directory, catalog }));
      },
    });
  },
});

/**
 * Lets the catalog register `file` locations, which publish:local's
 * repositories are. Development only: on a shared server it would let any
 * user make the catalog read files of the backend's machine.
 */
export const catalogModuleFileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'file-locations',
  register({ registerInit }) {
    registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});
