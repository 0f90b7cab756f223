import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  GuardrailException,
  ProjectLayout,
  findGuardrail,
  mlEnvironmentsExceptionApprovePermission,
  mlProjectExceptionRevokePermission,
} from '@mlgov/plugin-ml-environments-common';
import { Decision, mlEnvironmentsApiRef } from '../../../api';
import { AccountLabel } from '../../shared/AccountId';
import { DecisionButtons, useDecisions } from '../../shared/DecisionButtons';
import { templateFor } from '../../shared/templateLink';
import { useCompactTable } from '../../shared/compactTable';
import { ErrorText } from '../../shared/ErrorText';

/** Where the owner group asks for an exception. */
export const EXCEPTION_TEMPLATE_PATH =
  '/create/templates/default/ml-request-guardrail-exception';

const day = (iso?: string) => iso?.slice(0, 10) ?? '';

function ExceptionRow(props: {
  exception: GuardrailException;
  stage: string;
  mayApprove: boolean;
  mayRevoke: boolean;
  onDecide: (decision: Decision) => void;
  busy: boolean;
}) {
  const { exception: e, stage, mayApprove, mayRevoke, onDecide, busy } = props;
  return (
    <TableRow>
      <TableCell>
        {findGuardrail(e.guardrailId)?.title ?? e.guardrailId}
        <Typography variant="caption" display="block">
          {e.guardrailId}
        </Typography>
      </TableCell>
      <TableCell>
        <AccountLabel name={stage} id={e.accountId} />
      </TableCell>
      <TableCell>
        <Chip size="small" label={e.state} />
      </TableCell>
      <TableCell style={{ whiteSpace: 'nowrap' }}>{day(e.endsAt)}</TableCell>
      <TableCell>
        {e.reason}
        <Typography variant="caption" display="block">
          asked by {e.requestedBy} on {day(e.requestedAt)}
          {e.decidedBy &&
            `; ${e.state === 'revoked' ? 'revoked' : 'decided'} by ${
              e.decidedBy
            } on ${day(e.decidedAt)}`}
          {e.decisionNote && ` (${e.decisionNote})`}
        </Typography>
      </TableCell>
      <TableCell>
        <DecisionButtons
          state={e.state}
          mayApprove={mayApprove}
          mayRevoke={mayRevoke}
          busy={busy}
          onDecide={onDecide}
        />
      </TableCell>
    </TableRow>
  );
}

/**
 * A project's guardrail exceptions: what was asked, decided and is in force,
 * with approve/reject for approvers and end-now for the owner group. The
 * backend decides every action again; the buttons only follow permissions.
 *
 * @public
 */
export function MlGuardrailExceptionsCard(props: { layout: ProjectLayout }) {
  const { layout } = props;
  const compact = useCompactTable();
  const api = useApi(mlEnvironmentsApiRef);
  const { allowed: mayApprove } = usePermission({
    permission: mlEnvironmentsExceptionApprovePermission,
  });
  const { allowed: mayRevoke } = usePermission({
    permission: mlProjectExceptionRevokePermission,
    resourceRef: layout.project,
  });
  const {
    items: exceptions,
    loading,
    error,
    busy,
    problem,
    decide,
  } = useDecisions(
    () => api.listExceptions(layout.project),
    (id, decision) => api.decideException(id, decision),
    [api, layout.project],
  );

  const stageOf = (accountId: string) =>
    layout.accounts.find(a => a.id === accountId)?.stage ?? 'account';

  return (
    <InfoCard
      title="Guardrail exceptions"
      subheader="A guardrail lifted for one account until a date, asked by the owner group and approved by the platform team"
    >
      {loading && !exceptions && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {problem && (
        <ErrorText variant="body2" role="alert">
          {problem}
        </ErrorText>
      )}
      {exceptions && exceptions.length === 0 && (
        <Typography variant="body2" paragraph>
          No exceptions: every guardrail applies to every account of this
          project.
        </Typography>
      )}
      {exceptions && exceptions.length > 0 && (
        <Table
          size="small"
          aria-label="Guardrail exceptions"
          className={compact.table}
        >
          <TableHead>
            <TableRow>
              <TableCell>Guardrail</TableCell>
              <TableCell>Account</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Ends</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {exceptions.map(e => (
              <ExceptionRow
                key={e.id}
                exception={e}
                stage={stageOf(e.accountId)}
                mayApprove={mayApprove}
                mayRevoke={mayRevoke}
                busy={busy}
                onDecide={decision => decide(e, decision)}
              />
            ))}
          </TableBody>
        </Table>
      )}
      <Box mt={2}>
        <Link to={templateFor(EXCEPTION_TEMPLATE_PATH, layout.project)}>
          Request an exception
        </Link>
      </Box>
    </InfoCard>
  );
}
