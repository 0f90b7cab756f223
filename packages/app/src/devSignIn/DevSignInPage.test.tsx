import { createApp } from '@backstage/frontend-defaults';
import {
  PageBlueprint,
  createFrontendPlugin,
  identityApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { useEffect, useState } from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import App from '../App';
import { appModule } from '../appModule';

const devConfig = {
  // As app-config.yaml says for `npm run dev`.
  auth: {
    environment: 'development',
    providers: {
      guest: { userEntityRef: 'user:default/guest' },
      devUsers: { users: ['mallory', 'ada'] },
    },
  },
};

/** app-config.production.yaml read on top of app-config.yaml. */
const productionConfig = {
  auth: { ...devConfig.auth, environment: 'production' },
};

/** Loading the app can take seconds when the test runs beside others. */
const APP_LOAD_TIMEOUT = 15_000;

function setConfig(data: object) {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: { title: 'ML environments test' },
          backend: { baseUrl: 'http://localhost:7007' },
          ...data,
        },
        context: 'test',
      },
    ] as any,
  };
}

/** A page at `/` that says who is signed in. */
const whoAmIPlugin = createFrontendPlugin({
  pluginId: 'who-am-i',
  extensions: [
    PageBlueprint.make({
      params: {
        path: '/',
        loader: async () => <WhoAmI />,
      },
    }),
  ],
});

function WhoAmI() {
  const identityApi = useApi(identityApiRef);
  const [user, setUser] = useState<string>();
  useEffect(() => {
    identityApi
      .getBackstageIdentity()
      .then(identity => setUser(identity.userEntityRef));
  }, [identityApi]);
  return user ? <p>Signed in as {user}</p> : null;
}

/**
 * A new app with the dev app's module for each test (an app reads its
 * configuration once); the first test renders App.tsx itself.
 */
function renderSignInPage(data: object) {
  setConfig(data);
  render(createApp({ features: [appModule, whoAmIPlugin] }).createRoot());
}

describe('the sign-in page', () => {
  const originalFetch = global.fetch;
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    global.fetch = originalFetch;
  });

  it('offers Guest, Ada and Mallory with the dev configuration', async () => {
    setConfig(devConfig);
    render(App.createRoot());

    expect(
      await screen.findByRole(
        'button',
        { name: 'Enter' },
        { timeout: APP_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.getByText('Ada (platform team)')).toBeInTheDocument();
    expect(screen.getByText('Mallory (team-fraud)')).toBeInTheDocument();
    // The guest's stays the only 'Enter' button (packages/e2e/src/browser).
    expect(screen.getAllByRole('button', { name: 'Enter' })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: 'Sign In' })).toHaveLength(2);
  });

  it('offers neither Ada nor Mallory with the production configuration', async () => {
    renderSignInPage(productionConfig);

    expect(
      await screen.findByRole(
        'button',
        { name: 'Enter' },
        { timeout: APP_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Ada (platform team)')).not.toBeInTheDocument();
    expect(screen.queryByText('Mallory (team-fraud)')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Sign In' }),
    ).not.toBeInTheDocument();
  });

  it('offers only the guest without the devUsers provider', async () => {
    renderSignInPage({});

    expect(
      await screen.findByRole(
        'button',
        { name: 'Enter' },
        { timeout: APP_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Sign In' }),
    ).not.toBeInTheDocument();
  });

  it('offers only the users the devUsers provider lists', async () => {
    renderSignInPage({
      auth: { providers: { devUsers: { users: ['mallory'] } } },
    });

    expect(
      await screen.findByText('Mallory (team-fraud)', undefined, {
        timeout: APP_LOAD_TIMEOUT,
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Ada (platform team)')).not.toBeInTheDocument();
  });

  it("signs in as Ada through the devUsers provider's refresh", async () => {
    const fetchMock = jest.fn(async (_url: string) => ({
      ok: true,
      status: 200,
      json: async () => ({
        profile: {},
        backstageIdentity: {
          token: 'ada-token',
          expiresInSeconds: 3600,
          identity: {
            type: 'user',
            userEntityRef: 'user:default/ada',
            ownershipEntityRefs: ['user:default/ada'],
          },
        },
      }),
    }));
    global.fetch = fetchMock as unknown as typeof fetch;
    renderSignInPage(devConfig);

    const adaCard = (
      await screen.findByText('Ada (platform team)', undefined, {
        timeout: APP_LOAD_TIMEOUT,
      })
    ).closest('li')!;
    fireEvent.click(adaCard.querySelector('button') as HTMLButtonElement);

    await waitFor(() =>
      expect(localStorage.getItem('@backstage/core:SignInPage:provider')).toBe(
        'devUsers-ada',
      ),
    );
    // The app behind the sign-in page, signed in as ada.
    expect(
      await screen.findByText('Signed in as user:default/ada', undefined, {
        timeout: APP_LOAD_TIMEOUT,
      }),
    ).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(
      'http://localhost:7007/api/auth/devUsers/refresh?user=ada',
      expect.anything(),
    );
  });
});
