import {
  BackstageIdentityApi,
  ConfigApi,
  ProfileInfoApi,
  SessionApi,
} from '@backstage/core-plugin-api';
import { SignInProviderConfig } from '@backstage/core-components';
import {
  ApiBlueprint,
  createApiRef,
  discoveryApiRef,
} from '@backstage/frontend-plugin-api';
import { DevUserAuth } from './DevUserAuth';

/** The dev backend's listed-users sign-in provider (devUsersProvider.ts). */
export const DEV_USERS_PROVIDER = 'devUsers';

type DevUserAuthApi = ProfileInfoApi & BackstageIdentityApi & SessionApi;

/** A local person of `npm run dev` whom the sign-in page offers. */
interface DevUser {
  /** The catalog user (examples/org.yaml), the provider's `?user=`. */
  name: string;
  title: string;
  message: string;
}

/**
 * The people of the demo organization (examples/org.yaml) that the dev
 * backend's `devUsers` provider may sign in, besides the guest (team-churn).
 * Each is offered only when `auth.providers.devUsers.users` lists them.
 */
const DEV_USERS: DevUser[] = [
  {
    name: 'ada',
    title: 'Ada (platform team)',
    message:
      'An administrator of the ML platform team: decides guardrail exceptions, adopts and transfers projects, refreshes the organization and reads the audit trail.',
  },
  {
    name: 'mallory',
    title: 'Mallory (team-fraud)',
    message:
      "A member of team-fraud, the second team: owns fraud-detection and vision-lab, and may not change team-churn's projects.",
  },
];

/** One auth API per person, so that each sign-in choice remembers its user. */
const devUserAuthApiRefs = new Map(
  DEV_USERS.map(user => [
    user.name,
    createApiRef<DevUserAuthApi>().with({
      id: `app.dev-users-auth.${user.name}`,
      pluginId: 'app',
    }),
  ]),
);

/** The auth APIs behind the dev sign-in choices. */
export const devUserAuthApis = DEV_USERS.map(user =>
  ApiBlueprint.make({
    name: `dev-users-auth-${user.name}`,
    params: defineParams =>
      defineParams({
        api: devUserAuthApiRefs.get(user.name)!,
        deps: { discoveryApi: discoveryApiRef },
        factory: ({ discoveryApi }) =>
          new DevUserAuth({
            discoveryApi,
            provider: DEV_USERS_PROVIDER,
            user: user.name,
            displayName: user.title,
          }),
      }),
  }),
);

/**
 * The sign-in choices for the dev backend's local people: those that
 * `auth.providers.devUsers.users` lists, unless `auth.environment` is
 * production. The production configuration is read on top of
 * app-config.yaml, which lists them, but its backend never loads the
 * provider (packages/backend/src/productionGuard.ts refuses the dev extras
 * when auth.environment is production), so it offers none of them.
 */
export function devUserSignInProviders(
  config: ConfigApi,
): SignInProviderConfig[] {
  if (config.getOptionalString('auth.environment') === 'production') {
    return [];
  }
  const listed = new Set(
    config.getOptionalStringArray(`auth.providers.${DEV_USERS_PROVIDER}.users`),
  );
  return DEV_USERS.filter(user => listed.has(user.name)).map(user => ({
    id: `${DEV_USERS_PROVIDER}-${user.name}`,
    title: user.title,
    message: user.message,
    apiRef: devUserAuthApiRefs.get(user.name)!,
  }));
}
