import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { authModuleDevUsersProvider } from './devUsersProvider';
import {
  catalogModuleFileLocations,
  scaffolderModuleLocalPublishing,
} from './localPublishing';

/**
 * What only local development adds: guest sign-in and a second local user,
 * offline publishing of generated projects (publish:local) and the `file`
 * catalog locations it registers. Any signed-in user could make the catalog
 * read the server's files through a file location, so production never
 * loads this module (see productionGuard.ts).
 */
export default createBackendFeatureLoader({
  *loader() {
    yield import('@backstage/plugin-auth-backend-module-guest-provider');
    yield authModuleDevUsersProvider;
    yield scaffolderModuleLocalPublishing;
    yield catalogModuleFileLocations;
  },
});
