import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { organization } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { responseError } from '../../__testUtils__/responseError';
import { MlEnvironmentsPage } from './MlEnvironmentsPage';

async function choose(label: string, option: string) {
  // Named by its label and the value it shows, e.g. "Status missing".
  const filter = screen
    .getAllByRole('button', { name: new RegExp(`^${label}\\b`) })
    .find(button => button.getAttribute('aria-haspopup') === 'listbox');
  fireEvent.mouseDown(filter!);
  fireEvent.click(within(await screen.findByRole('listbox')).getByText(option));
}

const accountRows = () =>
  within(
    screen
      .getByText(/^Accounts \(/)
      .closest('[class*="MuiPaper"]') as HTMLElement,
  )
    .getAllByRole('row')
    .filter(row => row.hasAttribute('index'));

describe('MlEnvironmentsPage', () => {
  it('shows the OU tree, the compliance matrix, the accounts and the snapshot age', async () => {
    await renderWithApi(<MlEnvironmentsPage />, {});
    expect(await screen.findByText('Organization o-demo')).toBeInTheDocument();
    expect(screen.getByText(/Snapshot taken .* ago/)).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Organizational units' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Compliance by OU')).toBeInTheDocument();
    expect(screen.getByText('Accounts (4)')).toBeInTheDocument();
    expect(
      screen.getByText('Control Tower landing zone 3.3'),
    ).toBeInTheDocument();
  });

  it('says when the landing zone has drifted, or when there is none', async () => {
    const { landingZone, ...withoutLandingZone } = organization;
    await renderWithApi(<MlEnvironmentsPage />, {
      getOrganization: async () => ({
        ...organization,
        landingZone: { ...landingZone!, drifted: true },
      }),
    });
    expect(
      await screen.findByText(/landing zone 3.3 has drifted: repair it/),
    ).toBeInTheDocument();
    cleanup();
    await renderWithApi(<MlEnvironmentsPage />, {
      getOrganization: async () => withoutLandingZone,
    });
    expect(
      await screen.findByText(/^No Control Tower landing zone in this Region/),
    ).toBeInTheDocument();
  });

  it('filters the accounts and the matrix by status, pattern and project', async () => {
    await renderWithApi(<MlEnvironmentsPage />, {});
    await screen.findByText('Accounts (4)');
    await choose('Status', 'missing');
    expect(await screen.findByText('Accounts (2 of 4)')).toBeInTheDocument();
    // What a filter shows is part of its name (WCAG 2.5.3 Label in Name).
    expect(
      screen.getByRole('button', { name: 'Status missing' }),
    ).not.toHaveAttribute('aria-label');
    // The tree counts what the filters let through, so all three agree.
    expect(
      screen.getByRole('list', { name: 'Organizational units' }),
    ).toHaveTextContent('Root2 of 4 accounts match');
    await choose('Project', 'churn-prediction');
    expect(await screen.findByText('Accounts (1 of 4)')).toBeInTheDocument();
    expect(accountRows()).toHaveLength(1);
    expect(
      within(accountRows()[0]).getByText('churn-prediction-preprod'),
    ).toBeInTheDocument();
    await choose('Status', 'Any');
    await choose('Pattern', 'dev');
    expect(await screen.findByText('Accounts (0 of 4)')).toBeInTheDocument();
  });

  it("filters to an OU chosen in the tree and opens an account's details from the table", async () => {
    const getTargetGuardrails = jest.fn(async () => ({
      targetId: '200000000012',
      label: 'churn-prediction-preprod',
      kind: 'account' as const,
      state: 'missing' as const,
      guardrails: [],
    }));
    await renderWithApi(<MlEnvironmentsPage />, { getTargetGuardrails });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Workloads_PreProd' }),
    );
    expect(await screen.findByText('Accounts (1 of 4)')).toBeInTheDocument();
    // The matrix shows the chosen OU only.
    expect(
      screen.queryByRole('button', { name: /^Workloads\/Workloads_Dev,/ }),
    ).not.toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', {
        name: 'churn-prediction-preprod: guardrail details',
      }),
    );
    expect(
      await screen.findByRole('dialog', {
        name: 'Guardrails of churn-prediction-preprod',
      }),
    ).toBeInTheDocument();
    expect(getTargetGuardrails).toHaveBeenCalledWith('200000000012');
  });

  it('refreshes the snapshot for those allowed, then reloads', async () => {
    const api = await renderWithApi(<MlEnvironmentsPage />, {});
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(api.refresh).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(api.getOrganization).toHaveBeenCalledTimes(2));
  });

  it('says why a refresh failed', async () => {
    const error = await responseError(
      503,
      'ServiceUnavailableError',
      'AWS throttled the refresh',
    );
    await renderWithApi(<MlEnvironmentsPage />, {
      refresh: async () => {
        throw error;
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh now' }));
    expect(
      await screen.findByText('Refresh failed: AWS throttled the refresh'),
    ).toBeInTheDocument();
  });

  it('explains a missing permission', async () => {
    const error = await responseError(403, 'NotAllowedError', 'Not allowed');
    await renderWithApi(<MlEnvironmentsPage />, {
      getOrganization: async () => {
        throw error;
      },
    });
    expect(
      await screen.findByText(/ml-environments\.status\.read permission/),
    ).toBeInTheDocument();
  });

  it('explains that the first snapshot is still being taken', async () => {
    const error = await responseError(
      503,
      'ServiceUnavailableError',
      'No snapshot',
    );
    await renderWithApi(<MlEnvironmentsPage />, {
      getOrganization: async () => {
        throw error;
      },
    });
    expect(await screen.findByText('No status yet')).toBeInTheDocument();
  });

  it('shows other errors', async () => {
    await renderWithApi(<MlEnvironmentsPage />, {
      getOrganization: async () => {
        throw new Error('Backend unreachable');
      },
    });
    expect(
      await screen.findByText('Error: Backend unreachable'),
    ).toBeInTheDocument();
  });
});
