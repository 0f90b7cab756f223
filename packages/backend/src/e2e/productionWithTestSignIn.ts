import { createProductionBackend } from '../composition';
import { createListedUsersAuthModule } from '../devExtras/devUsersProvider';

/**
 * The production composition plus a test sign-in provider (users listed in
 * auth.providers.e2eUsers.users), for scripts/e2e-production.mjs, which
 * proves the production backend's permissions with real users. Never a
 * deployment entry: production starts src/index.ts.
 */
createProductionBackend()
  .then(backend => {
    backend.add(
      createListedUsersAuthModule({
        moduleId: 'e2e-users-provider',
        providerId: 'e2eUsers',
        developmentOnly: false,
      }),
    );
    return backend.start();
  })
  .catch(error => {
    console.error(error.message ?? error);
    process.exit(1);
  });
