import { createApp } from '@backstage/frontend-defaults';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import { render, screen, waitFor, within } from '@testing-library/react';
import { appModule } from '../appModule';

/** Loading the app can take seconds when the test runs beside others. */
const APP_LOAD_TIMEOUT = 15_000;

function urlOf(input: string | URL | Request) {
  return input instanceof Request ? input.url : String(input);
}

/** The backend: ada's dev sign-in and the notifications status. */
function fakeBackend(unread: number) {
  return jest.fn(async (input: string | URL | Request) => {
    const url = urlOf(input);
    if (url.includes('/api/auth/devUsers/refresh?user=ada')) {
      return new Response(
        JSON.stringify({
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
        { headers: { 'content-type': 'application/json' } },
      );
    }
    if (url.endsWith('/api/notifications/status')) {
      return new Response(JSON.stringify({ unread, read: 2 }), {
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response('{}', { status: 404 });
  });
}

/** The app with the notifications plugin, signed in again as ada. */
function renderSignedInApp() {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: { title: 'ML environments test' },
          backend: { baseUrl: 'http://localhost:7007' },
          auth: { providers: { devUsers: { users: ['ada'] } } },
        },
        context: 'test',
      },
    ] as any,
  };
  // The sign-in page restores the last choice, as after a page reload.
  localStorage.setItem('@backstage/core:SignInPage:provider', 'devUsers-ada');
  render(
    createApp({ features: [appModule, notificationsPlugin] }).createRoot(),
  );
}

describe('the sidebar', () => {
  const originalFetch = global.fetch;
  afterEach(() => {
    global.fetch = originalFetch;
    localStorage.clear();
  });

  it("shows the notifications entry with the user's unread count", async () => {
    global.fetch = fakeBackend(3) as unknown as typeof fetch;
    renderSignedInApp();

    const nav = await screen.findByRole(
      'navigation',
      { name: 'sidebar nav' },
      { timeout: APP_LOAD_TIMEOUT },
    );
    // The name holds the count it shows (WCAG 2.5.3 Label in Name).
    const item = await within(nav).findByRole('link', {
      name: 'Notifications 3 unread',
    });
    expect(item).toHaveAttribute('href', '/notifications');
    expect(
      within(item).getByRole('grid', { name: 'Unread notifications' }),
    ).toHaveTextContent('3');
    // What the link shows, read as words, is within its name.
    expect(item.textContent).toBe('Notifications 3');
    // No prop of the plugin's own lands on the link as an attribute.
    expect(item).not.toHaveAttribute('snackbarprops');
    expect(item).not.toHaveAttribute('snackbarProps');
  });

  it('shows no count when everything is read', async () => {
    const backend = fakeBackend(0);
    global.fetch = backend as unknown as typeof fetch;
    renderSignedInApp();

    const nav = await screen.findByRole(
      'navigation',
      { name: 'sidebar nav' },
      { timeout: APP_LOAD_TIMEOUT },
    );
    const item = await within(nav).findByRole('link', {
      name: /Notifications/,
    });
    await waitFor(() =>
      expect(backend.mock.calls.map(([input]) => urlOf(input))).toContain(
        'http://localhost:7007/api/notifications/status',
      ),
    );
    expect(item).toHaveAccessibleName('Notifications');
    expect(
      within(item).queryByRole('grid', { name: 'Unread notifications' }),
    ).not.toBeInTheDocument();
  });
});
