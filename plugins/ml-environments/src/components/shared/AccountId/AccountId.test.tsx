import { render, screen } from '@testing-library/react';
import { AccountId, AccountLabel } from './AccountId';

describe('AccountId', () => {
  it('shows an account id in monospace, on one line', () => {
    render(<AccountId id="210000000013" />);
    expect(screen.getByText('210000000013')).toHaveStyle({
      fontFamily: 'monospace',
      whiteSpace: 'nowrap',
    });
  });

  it('keeps "name (id)" on one line, reading as before', () => {
    const { container } = render(<AccountLabel name="dev" id="200000000011" />);
    const label = container.firstElementChild!;
    expect(label).toHaveTextContent('dev (200000000011)');
    expect(label).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(screen.getByText('200000000011')).toHaveStyle({
      fontFamily: 'monospace',
    });
  });
});
