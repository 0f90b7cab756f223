import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  churnLayout,
  pendingDataGrant as pending,
} from '../../__testUtils__/fixtures';
import { cellRuleOf } from '../../__testUtils__/compactTableRule';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlDataGrantsCard } from './MlDataGrantsCard';

describe('MlDataGrantsCard', () => {
  it('lists each database with the account, state and reason, and links the request template', async () => {
    await renderWithApi(<MlDataGrantsCard layout={churnLayout} />, {
      listDataGrants: jest.fn(async () => [pending]),
    });
    expect(await screen.findByText('customers')).toBeInTheDocument();
    expect(
      screen.getByRole('cell', { name: 'dev (200000000011)' })
        .firstElementChild,
    ).toHaveStyle({ whiteSpace: 'nowrap' });
    // Words wrap whole ("Datab/ase" broke at 1024 px).
    expect(
      cellRuleOf(screen.getByRole('table', { name: 'Data-lake access' })),
    ).toContain('word-break: normal');
    expect(screen.getByText('pending')).toBeInTheDocument();
    expect(
      screen.getByText('Churn labels for the next model'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Request data access' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/ml-request-data-access?formData=%7B%22project%22%3A%22churn-prediction%22%7D',
    );
  });

  it('approves for a data owner, then shows the grant active with End now', async () => {
    const listDataGrants = jest
      .fn()
      .mockResolvedValueOnce([pending])
      .mockResolvedValue([{ ...pending, state: 'active' }]);
    const api = await renderWithApi(<MlDataGrantsCard layout={churnLayout} />, {
      listDataGrants,
      decideDataGrant: jest.fn(async () => ({
        ...pending,
        state: 'active' as const,
      })),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.decideDataGrant).toHaveBeenCalledWith(pending.id, 'approve'),
    );
    expect(await screen.findByText('active')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'End now' })).toBeEnabled();
  });

  it("shows the backend's refusal", async () => {
    await renderWithApi(<MlDataGrantsCard layout={churnLayout} />, {
      listDataGrants: jest.fn(async () => [pending]),
      decideDataGrant: jest.fn(async () => {
        throw new Error(
          'Data access is approved by a data owner other than the one who asked for it',
        );
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'other than the one who asked',
    );
  });

  it('says so when the project reads no data', async () => {
    await renderWithApi(<MlDataGrantsCard layout={churnLayout} />, {});
    expect(
      await screen.findByText(/No access to the data lake/),
    ).toBeInTheDocument();
  });

  it('says which columns a sensitive grant withholds and why, and how many approvals it waits for', async () => {
    const sensitive = {
      ...pending,
      sensitive: true,
      approvalsNeeded: 2,
      approvals: [{ by: 'user:default/dora', at: '2026-12-02T11:00:00.000Z' }],
      withheldColumns: [{ table: 'customers', columns: ['email', 'phone'] }],
      withheldTables: ['contacts'],
      withheldReason:
        'PII (Lake Formation tag classification=confidential) stays out of dev accounts: they receive a redacted view',
    };
    await renderWithApi(<MlDataGrantsCard layout={churnLayout} />, {
      listDataGrants: jest.fn(async () => [sensitive]),
    });
    expect(
      await screen.findByText(
        /Sensitive dataset: 1 of 2 data-owner approvals \(user:default\/dora\); another data owner decides/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(
      'Withheld: customers.email, customers.phone, contacts (whole table). PII (Lake Formation tag classification=confidential) stays out of dev accounts',
    );
  });
});
