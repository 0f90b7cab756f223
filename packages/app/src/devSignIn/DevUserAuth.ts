import {
  AuthRequestOptions,
  BackstageIdentityApi,
  BackstageIdentityResponse,
  BackstageUserIdentity,
  DiscoveryApi,
  ProfileInfo,
  ProfileInfoApi,
  SessionApi,
  SessionState,
} from '@backstage/core-plugin-api';

/** What a proxy sign-in provider's `/refresh` answers. */
type RefreshResponse = {
  profile?: ProfileInfo;
  backstageIdentity: {
    token: string;
    expiresInSeconds?: number;
    identity: BackstageUserIdentity;
  };
};

type Session = {
  profile: ProfileInfo;
  identity: BackstageIdentityResponse;
};

/** A token is fetched again this long before it expires. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;
/** Used when the answer gives no expiry (the backend's default is 1 hour). */
const DEFAULT_LIFETIME_MS = 10 * 60 * 1000;

type SessionObservable = ReturnType<SessionApi['sessionState$']>;

/**
 * Signs in as one user of a listed-users proxy provider (the dev backend's
 * `devUsers`, packages/backend/src/devExtras/devUsersProvider.ts), which
 * answers `GET /api/auth/<provider>/refresh?user=<name>` with a Backstage
 * token for that catalog user. There is no cookie and no popup: each call to
 * the refresh endpoint is a new sign-in, so the session is kept here and
 * fetched again shortly before its token expires.
 */
export class DevUserAuth
  implements ProfileInfoApi, BackstageIdentityApi, SessionApi
{
  private session?: Session;
  private pending?: Promise<Session>;
  private state: SessionState = SessionState.SignedOut;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      /** The auth provider's id, `devUsers`. */
      provider: string;
      /** The catalog user's name, passed as `?user=`. */
      user: string;
      /** Shown when the provider's profile has no display name. */
      displayName?: string;
    },
  ) {}

  async getBackstageIdentity(
    options?: AuthRequestOptions,
  ): Promise<BackstageIdentityResponse | undefined> {
    const session = await this.getSession(options);
    return session?.identity;
  }

  async getProfile(
    options?: AuthRequestOptions,
  ): Promise<ProfileInfo | undefined> {
    const session = await this.getSession(options);
    return session?.profile;
  }

  async signIn(): Promise<void> {
    await this.getSession();
  }

  async signOut(): Promise<void> {
    this.session = undefined;
    this.pending = undefined;
    this.setState(SessionState.SignedOut);
  }

  sessionState$(): SessionObservable {
    const observable: SessionObservable = {
      [Symbol.observable]: () => observable,
      subscribe: (
        observerOrNext?:
          | ((value: SessionState) => void)
          | { next?(value: SessionState): void },
      ) => {
        const next =
          typeof observerOrNext === 'function'
            ? observerOrNext
            : (value: SessionState) => observerOrNext?.next?.(value);
        this.listeners.add(next);
        next(this.state);
        let closed = false;
        return {
          get closed() {
            return closed;
          },
          unsubscribe: () => {
            closed = true;
            this.listeners.delete(next);
          },
        };
      },
    } as SessionObservable;
    return observable;
  }

  /**
   * The current session, fetched again when its token is about to expire.
   * With `optional`, a failed sign-in is no session rather than an error, as
   * when the sign-in page restores the last choice after a reload.
   */
  private async getSession(
    options?: AuthRequestOptions,
  ): Promise<Session | undefined> {
    const expiresAt = this.session?.identity.expiresAt;
    if (
      this.session &&
      (!expiresAt || expiresAt.getTime() - EXPIRY_MARGIN_MS > Date.now())
    ) {
      return this.session;
    }
    if (!this.pending) {
      this.pending = this.fetchSession().finally(() => {
        this.pending = undefined;
      });
    }
    try {
      this.session = await this.pending;
      this.setState(SessionState.SignedIn);
      return this.session;
    } catch (error) {
      if (options?.optional) {
        return undefined;
      }
      throw error;
    }
  }

  private async fetchSession(): Promise<Session> {
    const { discoveryApi, provider, user } = this.options;
    const baseUrl = await discoveryApi.getBaseUrl('auth');
    const response = await fetch(
      `${baseUrl}/${encodeURIComponent(
        provider,
      )}/refresh?user=${encodeURIComponent(user)}`,
      { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    );
    if (!response.ok) {
      const body = await response.json().catch(() => undefined);
      const message = body?.error?.message ?? response.statusText;
      throw new Error(
        `Could not sign in as ${user} through the ${provider} provider (HTTP ${response.status}): ${message}`,
      );
    }
    const { profile, backstageIdentity }: RefreshResponse =
      await response.json();
    const lifetimeMs =
      backstageIdentity.expiresInSeconds !== undefined
        ? backstageIdentity.expiresInSeconds * 1000
        : DEFAULT_LIFETIME_MS;
    return {
      profile: {
        displayName: this.options.displayName ?? user,
        ...profile,
      },
      identity: {
        token: backstageIdentity.token,
        expiresAt: new Date(Date.now() + lifetimeMs),
        identity: backstageIdentity.identity,
      },
    };
  }

  private setState(state: SessionState) {
    if (state === this.state) {
      return;
    }
    this.state = state;
    for (const listener of this.listeners) {
      listener(state);
    }
  }
}
