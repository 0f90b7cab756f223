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
 * A sign-in provider for the catalog users listed in
 * `auth.providers.<providerId>.users`, each named by the `user` query
 * parameter of `/api/auth/<providerId>/refresh`, so that several people (of
 * different teams) can be played without an identity provider.
 */
export function createListedUsersAuthModule(options: {
  moduleId: string;
  providerId: string;
  /** Refuse unless NODE_ENV=development, as the guest provider does. */
  developmentOnly: boolean;
}) {
  const { providerId } = options;
  return createBackendModule({
    pluginId: 'auth',
    moduleId: options.moduleId,
    register(reg) {
      reg.registerInit({
        deps: {
          providers: authProvidersExtensionPoint,
          config: coreServices.rootConfig,
        },
        async init({ providers, config }) {
          const users = new Set(
            config.getOptionalStringArray(
              `auth.providers.${providerId}.users`,
            ) ?? [],
          );
          providers.registerProvider({
            providerId,
            factory: createProxyAuthProviderFactory({
              authenticator: createProxyAuthenticator({
                defaultProfileTransform: async () => ({ profile: {} }),
                initialize: () => undefined,
                async authenticate({ req }) {
                  const name = String(req.query.user ?? '');
                  if (
                    options.developmentOnly &&
                    process.env.NODE_ENV !== 'development'
                  ) {
                    throw new NotAllowedError(
                      `The ${providerId} sign-in works only with NODE_ENV=development`,
                    );
                  }
                  if (!users.has(name)) {
                    throw new NotAllowedError(
                      `User '${name}' is not in auth.providers.${providerId}.users`,
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
}

/**
 * The second local person of `npm run dev` (mallory of team-fraud):
 * `/api/auth/devUsers/refresh?user=mallory`. Development only; production
 * never loads it.
 */
export const authModuleDevUsersProvider = createListedUsersAuthModule({
  moduleId: 'dev-users-provider',
  providerId: 'devUsers',
  developmentOnly: true,
});
