import { fireEvent, render, screen } from '@testing-library/react';
import { DecisionButtons } from './DecisionButtons';

describe('DecisionButtons', () => {
  it('offers approve and reject on a pending request, each label on one line', () => {
    const onDecide = jest.fn();
    render(
      <DecisionButtons
        state="pending"
        mayApprove
        mayRevoke
        busy={false}
        onDecide={onDecide}
      />,
    );
    const buttons = screen.getAllByRole('button');
    expect(buttons.map(b => b.textContent)).toEqual([
      'Approve',
      'Reject',
      'Withdraw',
    ]);
    for (const button of buttons) {
      expect(button).toHaveStyle({ whiteSpace: 'nowrap' });
    }
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect(onDecide).toHaveBeenCalledWith('revoke');
  });

  it('offers End now, on one line, for an active one the user may revoke', () => {
    render(
      <DecisionButtons
        state="active"
        mayApprove
        mayRevoke
        busy={false}
        onDecide={jest.fn()}
      />,
    );
    expect(screen.getByRole('button', { name: 'End now' })).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('offers nothing on a closed one', () => {
    render(
      <DecisionButtons
        state="revoked"
        mayApprove
        mayRevoke
        busy={false}
        onDecide={jest.fn()}
      />,
    );
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
