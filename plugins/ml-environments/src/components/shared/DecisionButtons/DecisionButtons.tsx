import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { Decision } from '../../../api';

// A label on one line: "End now" and "Withdraw" wrapped in a narrow column.
const ONE_LINE = { whiteSpace: 'nowrap' } as const;

/**
 * Approve and reject for someone who decides a pending request; withdraw or
 * end for someone who may revoke an open one. The backend decides again.
 */
export function DecisionButtons(props: {
  state: string;
  mayApprove: boolean;
  mayRevoke: boolean;
  busy: boolean;
  onDecide: (decision: Decision) => void;
}) {
  const { state, mayApprove, mayRevoke, busy, onDecide } = props;
  const open = state === 'pending' || state === 'active';
  return (
    <Box display="flex" style={{ gap: 8 }}>
      {state === 'pending' && mayApprove && (
        <>
          <Button
            size="small"
            style={ONE_LINE}
            variant="outlined"
            color="primary"
            disabled={busy}
            onClick={() => onDecide('approve')}
          >
            Approve
          </Button>
          <Button
            size="small"
            style={ONE_LINE}
            variant="outlined"
            disabled={busy}
            onClick={() => onDecide('reject')}
          >
            Reject
          </Button>
        </>
      )}
      {open && mayRevoke && (
        <Button
          size="small"
          style={ONE_LINE}
          variant="outlined"
          disabled={busy}
          onClick={() => onDecide('revoke')}
        >
          {state === 'pending' ? 'Withdraw' : 'End now'}
        </Button>
      )}
    </Box>
  );
}
