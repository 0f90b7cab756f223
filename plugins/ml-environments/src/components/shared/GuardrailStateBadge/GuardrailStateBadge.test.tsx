import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { GuardrailStateBadge } from './GuardrailStateBadge';

describe('GuardrailStateBadge', () => {
  it.each([
    ['ok', 'guardrails ok', 'status-ok'],
    ['unknown', 'status unknown', 'status-pending'],
    ['excepted', 'excepted', 'status-aborted'],
    ['drifted', 'drifted', 'status-warning'],
    ['missing', 'missing', 'status-error'],
    ['non-compliant', 'non-compliant', 'status-error'],
  ] as const)(
    'shows %s as "%s" with the %s icon',
    async (state, text, icon) => {
      await renderInTestApp(<GuardrailStateBadge state={state} />);
      expect(screen.getByText(text)).toBeInTheDocument();
      expect(screen.getByTestId(icon)).toBeInTheDocument();
    },
  );

  it('reads "ok" where the row is about one guardrail', async () => {
    await renderInTestApp(<GuardrailStateBadge state="ok" okLabel="ok" />);
    expect(screen.getByText('ok')).toBeInTheDocument();
  });
});
