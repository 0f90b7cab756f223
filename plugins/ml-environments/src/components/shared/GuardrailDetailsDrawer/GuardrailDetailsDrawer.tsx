import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { GuardrailStatus } from '@mlgov/plugin-ml-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { mlEnvironmentsApiRef } from '../../../api';
import { GuardrailStateBadge, problemAge } from '../GuardrailStateBadge';
import { AccountPlacement, whatToDo } from './whatToDo';

/** The OU or account a drawer is about, and the guardrail to show first. */
export interface GuardrailDetailsTarget {
  id: string;
  label: string;
  guardrailId?: string;
  /** For an account: where it sits and belongs, so the advice fits. */
  placement?: AccountPlacement;
}

const ORDER = ['non-compliant', 'missing', 'drifted', 'unknown', 'excepted'];
const rank = (g: GuardrailStatus) => {
  const i = ORDER.indexOf(g.state);
  return i === -1 ? ORDER.length : i;
};

function GuardrailDetails({
  guardrail,
  placement,
}: {
  guardrail: GuardrailStatus;
  placement?: AccountPlacement;
}) {
  const advice = whatToDo(guardrail, placement);
  const age = problemAge(guardrail);
  const headingId = `guardrail-${guardrail.guardrailId}`;
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      mb={2}
      pb={2}
      borderBottom={1}
      borderColor="divider"
    >
      <Box display="flex" alignItems="center" style={{ gap: 12 }}>
        <Typography id={headingId} variant="subtitle1" component="h3">
          {guardrail.title}
        </Typography>
        <GuardrailStateBadge state={guardrail.state} okLabel="ok" />
      </Box>
      <Typography variant="caption" color="textSecondary" component="p">
        {guardrail.kind === 'scp' ? 'SCP' : 'Control'} {guardrail.guardrailId},
        expected on {guardrail.expectedAt}
        {guardrail.carriedBy &&
          `; carried by ${guardrail.carriedBy.name} on ${guardrail.carriedBy.at}`}
      </Typography>
      <Typography variant="body2" paragraph>
        {guardrail.reason}
      </Typography>
      {age && (
        <Typography variant="body2" paragraph>
          {age}
        </Typography>
      )}
      {guardrail.resources && guardrail.resources.length > 0 && (
        <>
          <Typography variant="body2">Non-compliant resources:</Typography>
          <ul aria-label={`Non-compliant resources of ${guardrail.title}`}>
            {guardrail.resources.map(r => (
              <li key={`${r.type}/${r.id}`}>
                <Typography variant="body2" component="span">
                  <code>{r.id}</code> ({r.type})
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
      {advice && (
        <Typography variant="body2">
          <strong>What to do:</strong> {advice}
        </Typography>
      )}
    </Box>
  );
}

function Details({ target }: { target: GuardrailDetailsTarget }) {
  const api = useApi(mlEnvironmentsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getTargetGuardrails(target.id),
    [api, target.id],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const guardrails = [...value!.guardrails].sort(
    (a, b) =>
      Number(b.guardrailId === target.guardrailId) -
        Number(a.guardrailId === target.guardrailId) || rank(a) - rank(b),
  );
  return (
    <>
      <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={2}>
        <Typography variant="body2">
          {value!.kind === 'account' ? 'Account' : 'OU'} overall:
        </Typography>
        <GuardrailStateBadge state={value!.state} />
      </Box>
      {guardrails.length === 0 && (
        <Typography variant="body2">
          The baseline expects no guardrail here.
        </Typography>
      )}
      {guardrails.map(g => (
        <GuardrailDetails
          key={g.guardrailId}
          guardrail={g}
          placement={value!.kind === 'account' ? target.placement : undefined}
        />
      ))}
    </>
  );
}

/**
 * A side panel with an OU's or account's guardrails, worst first: each
 * one's state, why, what carries it, the resources AWS Config finds
 * failing and what to do. Opens from the organization page's table and
 * matrix; a dialog, so the keyboard stays in it until Escape or Close.
 */
export function GuardrailDetailsDrawer({
  target,
  onClose,
}: {
  target?: GuardrailDetailsTarget;
  onClose: () => void;
}) {
  return (
    <Drawer
      anchor="right"
      open={Boolean(target)}
      onClose={onClose}
      PaperProps={
        {
          role: 'dialog',
          'aria-label': target ? `Guardrails of ${target.label}` : undefined,
          style: { width: 'min(560px, 100vw)' },
        } as any
      }
    >
      {target && (
        <Box p={3}>
          <Box display="flex" alignItems="center" mb={2}>
            <Typography variant="h5" component="h2" style={{ flex: 1 }}>
              {target.label}
            </Typography>
            <IconButton aria-label="Close" onClick={onClose}>
              <CloseIcon />
            </IconButton>
          </Box>
          <Details target={target} />
        </Box>
      )}
    </Drawer>
  );
}
