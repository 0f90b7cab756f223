import { SessionState } from '@backstage/core-plugin-api';
import { DevUserAuth } from './DevUserAuth';

const discoveryApi = {
  getBaseUrl: async (pluginId: string) =>
    `http://localhost:7007/api/${pluginId}`,
};

function refreshAnswer(token: string, expiresInSeconds?: number) {
  return {
    ok: true,
    status: 200,
    statusText: 'OK',
    json: async () => ({
      profile: {},
      backstageIdentity: {
        token,
        expiresInSeconds,
        identity: {
          type: 'user',
          userEntityRef: 'user:default/mallory',
          ownershipEntityRefs: [
            'user:default/mallory',
            'group:default/team-fraud',
          ],
        },
      },
    }),
  };
}

describe('DevUserAuth', () => {
  const originalFetch = global.fetch;
  let fetchMock: jest.Mock;
  beforeEach(() => {
    fetchMock = jest.fn();
    global.fetch = fetchMock;
  });
  afterEach(() => {
    global.fetch = originalFetch;
    jest.useRealTimers();
  });

  const auth = () =>
    new DevUserAuth({
      discoveryApi,
      provider: 'devUsers',
      user: 'mallory',
      displayName: 'Mallory (team-fraud)',
    });

  it("signs in as its user through the provider's refresh and keeps the token until it nearly expires", async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    fetchMock
      .mockResolvedValueOnce(refreshAnswer('first', 3600))
      .mockResolvedValueOnce(refreshAnswer('second', 3600));
    const api = auth();

    const identity = await api.getBackstageIdentity();
    expect(fetchMock).toHaveBeenCalledWith(
      'http://localhost:7007/api/auth/devUsers/refresh?user=mallory',
      { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    );
    expect(identity).toEqual({
      token: 'first',
      expiresAt: new Date('2026-01-01T01:00:00Z'),
      identity: {
        type: 'user',
        userEntityRef: 'user:default/mallory',
        ownershipEntityRefs: [
          'user:default/mallory',
          'group:default/team-fraud',
        ],
      },
    });
    expect(await api.getProfile()).toEqual({
      displayName: 'Mallory (team-fraud)',
    });

    jest.setSystemTime(new Date('2026-01-01T00:50:00Z'));
    expect((await api.getBackstageIdentity())?.token).toBe('first');
    expect(fetchMock).toHaveBeenCalledTimes(1);

    // Within five minutes of the expiry: a new token.
    jest.setSystemTime(new Date('2026-01-01T00:56:00Z'));
    expect((await api.getBackstageIdentity())?.token).toBe('second');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("says why the provider refused, and is no session when it's only asked whether there is one", async () => {
    fetchMock.mockResolvedValue({
      ok: false,
      status: 404,
      statusText: 'Not Found',
      json: async () => ({
        error: {
          name: 'NotFoundError',
          message: "Unknown auth provider 'devUsers'",
        },
      }),
    });
    const api = auth();

    await expect(api.getBackstageIdentity()).rejects.toThrow(
      "Could not sign in as mallory through the devUsers provider (HTTP 404): Unknown auth provider 'devUsers'",
    );
    await expect(
      api.getBackstageIdentity({ optional: true }),
    ).resolves.toBeUndefined();
  });

  it('tells its session state', async () => {
    fetchMock.mockResolvedValue(refreshAnswer('token', 3600));
    const api = auth();
    const states: SessionState[] = [];
    const subscription = api.sessionState$().subscribe(s => states.push(s));

    await api.signIn();
    await api.signOut();
    subscription.unsubscribe();
    await api.signIn();

    expect(states).toEqual([
      SessionState.SignedOut,
      SessionState.SignedIn,
      SessionState.SignedOut,
    ]);
  });
});
