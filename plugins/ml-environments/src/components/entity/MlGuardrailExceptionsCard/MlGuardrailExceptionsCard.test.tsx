import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  churnLayout,
  pendingException as pending,
} from '../../__testUtils__/fixtures';
import { cellRuleOf } from '../../__testUtils__/compactTableRule';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlGuardrailExceptionsCard } from './MlGuardrailExceptionsCard';

const devAccountId = churnLayout.accounts.find(a => a.stage === 'dev')!.id;

describe('MlGuardrailExceptionsCard', () => {
  it('lists the exceptions with guardrail title, account stage, state and end', async () => {
    await renderWithApi(<MlGuardrailExceptionsCard layout={churnLayout} />, {
      listExceptions: jest.fn(async () => [pending]),
    });
    expect(
      await screen.findByText('No real-time SageMaker endpoints'),
    ).toBeInTheDocument();
    // The account and the end date each on one line, the id monospace.
    const account = screen.getByRole('cell', {
      name: `dev (${devAccountId})`,
    });
    expect(account.firstElementChild).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(screen.getByText(devAccountId)).toHaveStyle({
      fontFamily: 'monospace',
    });
    // Words wrap whole ("SageMa/ker" broke at 1024 px), in narrow cells.
    const rule = cellRuleOf(
      screen.getByRole('table', { name: 'Guardrail exceptions' }),
    );
    expect(rule).toContain('word-break: normal');
    expect(rule).toContain('padding: 6px 8px');
    expect(screen.getByText('pending')).toBeInTheDocument();
    expect(screen.getByText('2026-12-20')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(screen.getByRole('button', { name: 'Withdraw' })).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(
      screen.getByRole('link', { name: 'Request an exception' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/ml-request-guardrail-exception?formData=%7B%22project%22%3A%22churn-prediction%22%7D',
    );
  });

  it('approves for an approver, then shows the answer', async () => {
    const listExceptions = jest
      .fn()
      .mockResolvedValueOnce([pending])
      .mockResolvedValue([{ ...pending, state: 'active' }]);
    const api = await renderWithApi(
      <MlGuardrailExceptionsCard layout={churnLayout} />,
      {
        listExceptions,
        decideException: jest.fn(async () => ({
          ...pending,
          state: 'active' as const,
        })),
      },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.decideException).toHaveBeenCalledWith(pending.id, 'approve'),
    );
    expect(await screen.findByText('active')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'End now' })).toBeEnabled();
  });

  it('says so when there are none', async () => {
    await renderWithApi(<MlGuardrailExceptionsCard layout={churnLayout} />, {});
    expect(
      await screen.findByText(/No exceptions: every guardrail applies/),
    ).toBeInTheDocument();
  });
});
