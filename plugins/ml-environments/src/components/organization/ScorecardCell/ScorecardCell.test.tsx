import { render, screen } from '@testing-library/react';
import { ScorecardCell } from './ScorecardCell';

const result = (name: string, passed: boolean) => ({
  checkId: name,
  name,
  description: '',
  passed,
});

describe('ScorecardCell', () => {
  it('counts the checks passing and names those failing', () => {
    render(
      <ScorecardCell
        results={[result('Guardrails hold', false), result('Enrolled', true)]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: '1 of 2 checks pass; failing: Guardrails hold',
      }),
    ).toHaveTextContent('1/2');
  });

  it('says all pass when they do', () => {
    render(<ScorecardCell results={[result('Enrolled', true)]} />);
    expect(
      screen.getByRole('img', { name: '1 of 1 checks pass' }),
    ).toHaveTextContent('1/1');
  });

  it('says when the account has no facts yet', () => {
    render(<ScorecardCell results={[]} />);
    expect(screen.getByText('no facts yet')).toBeInTheDocument();
  });
});
