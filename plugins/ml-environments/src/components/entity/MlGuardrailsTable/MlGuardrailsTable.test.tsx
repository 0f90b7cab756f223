import { screen, within } from '@testing-library/react';
import { churnLayout } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlGuardrailsTable } from './MlGuardrailsTable';

describe('MlGuardrailsTable', () => {
  it('lists problems first with their reason and the policy that decides', async () => {
    await renderWithApi(<MlGuardrailsTable layout={churnLayout} />, {});
    expect(
      await screen.findByText('3 of 8 need attention'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(8);
    const first = within(rows[0]);
    // The stage over its id, which never wraps.
    expect(first.getByText('prod')).toBeInTheDocument();
    expect(first.getByText('200000000013')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(first.getByText('drifted')).toBeInTheDocument();
    expect(
      first.getByText('AWS-GR_S3_VERSIONING_ENABLED is drifted'),
    ).toBeInTheDocument();
    expect(
      first.getByText(
        'decided by mlgov-AWS-GR_S3_VERSIONING_ENABLED on Workloads/Workloads_Prod',
      ),
    ).toBeInTheDocument();
    expect(
      first.getByText(
        "The OU's problem, not the project's: drifted on Workloads/Workloads_Prod since 2026-11-01 08:00 UTC, before this project was created.",
      ),
    ).toBeInTheDocument();
    const missing = rows.filter(r => within(r).queryByText('missing'));
    expect(missing).toHaveLength(2);
    // Long ids break after their underscores, words nowhere inside.
    const reason = first.getByText('AWS-GR_S3_VERSIONING_ENABLED is drifted');
    expect(reason.querySelectorAll('wbr')).toHaveLength(3);
    expect(reason).toHaveStyle({ overflowWrap: 'break-word' });
    // Nothing decides a missing guardrail: no "decided by" line.
    expect(within(missing[0]).queryByText(/decided by/)).toBeNull();
    // Four columns: the policy that decides is under the guardrail.
    expect(screen.getAllByRole('columnheader').map(h => h.textContent)).toEqual(
      ['Account', 'Guardrail', 'Status', 'Reason'],
    );
    expect(within(rows[7]).getByText('ok')).toBeInTheDocument();
  });

  it('says when every guardrail holds', async () => {
    const healthy = {
      ...churnLayout,
      accounts: [churnLayout.accounts[1]],
    };
    await renderWithApi(<MlGuardrailsTable layout={healthy} />, {});
    expect(await screen.findByText('All 2 hold')).toBeInTheDocument();
  });

  it('counts a guardrail lifted by exception apart, after the problems', async () => {
    const dev = churnLayout.accounts[1];
    const lifted = {
      ...churnLayout,
      accounts: [
        {
          ...dev,
          guardrails: dev.guardrails.map((g, i) =>
            i === 1
              ? {
                  ...g,
                  state: 'excepted' as const,
                  reason: 'Lifted for this account until 2026-12-20',
                }
              : g,
          ),
        },
      ],
    };
    await renderWithApi(<MlGuardrailsTable layout={lifted} />, {});
    expect(
      await screen.findByText('1 lifted by exception, the other 1 hold'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('excepted')).toBeInTheDocument();
  });

  it('explains an empty table', async () => {
    const bare = {
      ...churnLayout,
      accounts: [{ ...churnLayout.accounts[1], guardrails: [] }],
    };
    await renderWithApi(<MlGuardrailsTable layout={bare} />, {});
    expect(
      await screen.findByText('No guardrails are expected for these accounts.'),
    ).toBeInTheDocument();
  });
});
