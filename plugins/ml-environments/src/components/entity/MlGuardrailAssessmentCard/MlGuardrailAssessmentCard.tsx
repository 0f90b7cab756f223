import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import BlockIcon from '@material-ui/icons/Block';
import CheckIcon from '@material-ui/icons/CheckCircleOutline';
import HelpIcon from '@material-ui/icons/HelpOutline';
import WarningIcon from '@material-ui/icons/ReportProblemOutlined';
import {
  AccountAssessment,
  AssessedCall,
  ProjectLayout,
} from '@mlgov/plugin-ml-environments-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlEnvironmentsApiRef } from '../../../api';
import { backendError } from '../../../api/backendError';
import { useCompactTable } from '../../shared/compactTable';
import { ErrorText } from '../../shared/ErrorText';

const WORDS = { allowed: 'Allowed', denied: 'Denied', unknown: 'Unknown' };

function Decision({ call }: { call: AssessedCall }) {
  let icon = <CheckIcon fontSize="small" aria-hidden />;
  if (call.decision === 'denied') {
    icon = <BlockIcon fontSize="small" color="error" aria-hidden />;
  } else if (call.decision === 'unknown') {
    icon = <HelpIcon fontSize="small" aria-hidden />;
  }
  return (
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      {icon}
      {WORDS[call.decision]}
    </Box>
  );
}

/** `mlgov-require-vpc` (VPCDeployment), or why nothing decided. */
function DecidedBy({ call }: { call: AssessedCall }) {
  if (call.decision === 'denied' && call.policy) {
    return (
      <>
        {call.policy}
        {call.statement && (
          <Typography variant="caption" display="block">
            statement {call.statement}
          </Typography>
        )}
      </>
    );
  }
  if (call.decision === 'unknown') {
    return <Typography variant="caption">{call.explanation}</Typography>;
  }
  return (
    <Typography variant="caption" color="textSecondary">
      no SCP denies it
    </Typography>
  );
}

function Intended({ call }: { call: AssessedCall }) {
  if (call.asIntended) {
    return <Typography variant="body2">As intended</Typography>;
  }
  let meant =
    call.expected === 'denied'
      ? `Should be denied${
          call.expectedPolicy ? ` by ${call.expectedPolicy}` : ''
        }: attach it to the account's OU (the OU's guardrails page) or move the account to its OU`
      : `Should be ${call.expected}: an SCP the OU's guardrails do not include decides; check the policies attached to the account and its OUs, or an exception not yet applied`;
  // Undecided is not a guardrail to attach: the explanation says why.
  if (call.decision === 'unknown') {
    meant = `Cannot be shown${
      call.expected === 'unknown' ? '' : ` ${call.expected}`
    }: the suite cannot decide this call from the SCPs; check it by hand`;
  }
  return (
    <Box display="flex" style={{ gap: 4 }}>
      <WarningIcon fontSize="small" color="error" aria-hidden />
      {/* ErrorText: MUI's error red is under WCAG AA's contrast for text. */}
      <ErrorText variant="body2">{meant}</ErrorText>
    </Box>
  );
}

const differences = (account: AccountAssessment) =>
  account.calls.filter(c => !c.asIntended).length;

/**
 * The guide's "Assessing SCP effectiveness" on the ML environment tab: for
 * one of the project's accounts at a time, what a data scientist tries,
 * what the account's SCPs decide (and which policy and statement), and
 * whether that is what the guardrails of its OU intend.
 *
 * @public
 */
export function MlGuardrailAssessmentCard(props: { layout: ProjectLayout }) {
  const { project } = props.layout;
  const api = useApi(mlEnvironmentsApiRef);
  const compact = useCompactTable();
  const [selected, setSelected] = useState<string>();
  const { value, loading, error } = useAsync(
    () => api.assessGuardrails(project),
    [api, project],
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error && backendError(error).name === 'NotAllowedError') {
    content = (
      <Typography variant="body2">
        You may not read this project, so its guardrails are not assessed for
        you.
      </Typography>
    );
  } else if (error || !value) {
    content = <ResponseErrorPanel error={error ?? new Error('No answer')} />;
  } else if (value.accounts.length === 0) {
    content = (
      <Typography variant="body2">The project has no accounts yet.</Typography>
    );
  } else {
    const account =
      value.accounts.find(a => a.accountId === selected) ?? value.accounts[0];
    const summary = value.accounts
      .map(a => {
        const n = differences(a);
        return `${a.stage}: ${
          n === 0 ? 'as intended' : `${n} not as intended`
        }`;
      })
      .join(' · ');
    content = (
      <>
        <Typography variant="body2" paragraph>
          {summary}
        </Typography>
        <TextField
          select
          label="Account"
          value={account.accountId}
          onChange={e => setSelected(e.target.value)}
          variant="outlined"
          size="small"
          id="ml-assessment-account"
          SelectProps={{ native: true }}
        >
          {value.accounts.map(a => (
            <option key={a.accountId} value={a.accountId}>
              {`${a.stage} (${a.accountId})${
                a.ouPath ? ` in ${a.ouPath}` : ''
              }`}
            </option>
          ))}
        </TextField>
        {account.problem ? (
          <Typography variant="body2" style={{ marginTop: 16 }}>
            {account.problem}
          </Typography>
        ) : (
          <Table
            size="small"
            aria-label={`Guardrail assessment of ${account.stage} (${account.accountId})`}
            className={compact.table}
            style={{ marginTop: 16 }}
          >
            <TableHead>
              <TableRow>
                <TableCell>What a data scientist tries</TableCell>
                <TableCell>SCPs</TableCell>
                <TableCell>Decided by</TableCell>
                <TableCell>Guardrails' intent</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {account.calls.map(call => (
                <TableRow key={call.check}>
                  <TableCell>
                    {call.label}
                    <Typography variant="caption" display="block">
                      {call.action}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <Decision call={call} />
                  </TableCell>
                  <TableCell>
                    <DecidedBy call={call} />
                  </TableCell>
                  <TableCell>
                    <Intended call={call} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </>
    );
  }
  return (
    <InfoCard
      title="Guardrail assessment"
      subheader={`The calls a data scientist would make, judged against each account's service control policies${
        value ? ` as of ${new Date(value.takenAt).toLocaleString()}` : ''
      }`}
    >
      {content}
    </InfoCard>
  );
}
