import { render, screen } from '@testing-library/react';
import App from './App';

/** Loading the app can take seconds when the test runs beside others. */
const APP_LOAD_TIMEOUT = 15_000;

describe('App', () => {
  it('renders the sign-in page with guest access', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'ML environments test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole(
        'button',
        { name: 'Enter' },
        { timeout: APP_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Enter as a Guest User/)).toBeInTheDocument();
    expect(screen.getByText('ML environments test')).toBeInTheDocument();
  });
});
