import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { mlEnvironmentsApiRef } from '@mlgov/plugin-ml-environments';
import { OrganizationView } from '@mlgov/plugin-ml-environments-common';
import { screen } from '@testing-library/react';
import { HomePage } from './HomePage';

describe('HomePage', () => {
  it("says what the app is for, shows the user's ML projects card and the first day's steps", async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            mlEnvironmentsApiRef,
            {
              getOrganization: async (): Promise<OrganizationView> => ({
                takenAt: '2026-12-01T00:00:00Z',
                organizationId: 'o-1',
                root: {
                  id: 'r',
                  name: 'Root',
                  path: '',
                  state: 'ok',
                  guardrails: [],
                  accounts: [],
                  children: [],
                },
              }),
            },
          ],
          [identityApiRef, mockApis.identity()],
        ]}
      >
        <HomePage />
      </TestApiProvider>,
      {
        mountedRoutes: {},
      },
    );
    expect(
      screen.getByText('Governed machine-learning environments on AWS'),
    ).toBeInTheDocument();
    expect(screen.getByText('ML projects')).toBeInTheDocument();
    expect(
      await screen.findByText(/None of your teams owns an ML project yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Create an ML project' }),
    ).toHaveAttribute('href', '/create');
    expect(screen.getByRole('link', { name: 'Docs' })).toHaveAttribute(
      'href',
      '/docs',
    );
  });
});
