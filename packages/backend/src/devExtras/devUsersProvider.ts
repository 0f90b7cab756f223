import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';

/**
 * Signs in as one of the catalog users listed in
 * `auth.providers.devUsers.users`, named by the `user` query parameter of
 * `/api/auth/devUsers/refresh`, so that a second person (another team) can
 * be played locally. Refuses outside NODE_ENV=development, like the guest
 * provider; production never loads it.
 */
export const authModuleDevUsersProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'dev-users-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const users = new Set(
          config.getOptionalStringArray('auth.providers.devUsers.users') ?? [],
        );
        providers.registerProvider({
          providerId: 'devUsers',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate({ req }) {
                const name = String(req.query.user ?? '');
                if (process.env.NODE_ENV !== 'development') {
                  throw new NotAllowedError(
                    'The devUsers sign-in works only with NODE_ENV=development',
                  );
                }
                if (!users.has(name)) {
                  throw new NotAllowedError(
                    `User '${name}' is not in auth.providers.devUsers.users`,
                  );
                }
                return { result: { name } };
              },
            }),
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({
                entityRef: stringifyEntityRef({
                  kind: 'user',
                  namespace: 'default',
                  name: result.name,
                }),
              }),
          }),
        });
      },
    });
  },
});
