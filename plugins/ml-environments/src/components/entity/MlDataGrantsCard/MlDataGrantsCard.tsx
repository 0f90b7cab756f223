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
  ProjectLayout,
  mlEnvironmentsDataAccessApprovePermission,
  mlProjectDataAccessRevokePermission,
} from '@mlgov/plugin-ml-environments-common';
import { mlEnvironmentsApiRef } from '../../../api';
import { AccountLabel } from '../../shared/AccountId';
import { DecisionButtons, useDecisions } from '../../shared/DecisionButtons';
import { templateFor } from '../../shared/templateLink';
import { useCompactTable } from '../../shared/compactTable';
import { ErrorText } from '../../shared/ErrorText';
import { GrantAccess, NotebookSnippet } from './GrantAccess';
import { GrantRedaction } from './GrantRedaction';

/** Where the owner group asks for data access. */
export const DATA_ACCESS_TEMPLATE_PATH =
  '/create/templates/default/ml-request-data-access';

const day = (iso?: string) => iso?.slice(0, 10) ?? '';

/**
 * A project's read access to the data lake: each database an account reads
 * (or asked to), who decided, approve/reject for data owners and end-now
 * for the owner group. The backend decides every action again.
 *
 * @public
 */
export function MlDataGrantsCard(props: { layout: ProjectLayout }) {
  const { layout } = props;
  const compact = useCompactTable();
  const api = useApi(mlEnvironmentsApiRef);
  const { allowed: mayApprove } = usePermission({
    permission: mlEnvironmentsDataAccessApprovePermission,
  });
  const { allowed: mayRevoke } = usePermission({
    permission: mlProjectDataAccessRevokePermission,
    resourceRef: layout.project,
  });
  const {
    items: grants,
    loading,
    error,
    busy,
    problem,
    decide,
  } = useDecisions(
    () => api.listDataGrants(layout.project),
    (id, decision) => api.decideDataGrant(id, decision),
    [api, layout.project],
  );
  const stageOf = (accountId: string) =>
    layout.accounts.find(a => a.id === accountId)?.stage ?? 'account';

  return (
    <InfoCard
      title="Data-lake access"
      subheader="Read-only access (Lake Formation) of the project's accounts to the data lake's databases, approved by their data owners"
    >
      {loading && !grants && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {problem && (
        <ErrorText variant="body2" role="alert">
          {problem}
        </ErrorText>
      )}
      {grants && grants.length === 0 && (
        <Typography variant="body2" paragraph>
          No access to the data lake: the project's accounts read no corporate
          data.
        </Typography>
      )}
      {grants && grants.length > 0 && (
        <Table
          size="small"
          aria-label="Data-lake access"
          className={compact.table}
        >
          <TableHead>
            <TableRow>
              <TableCell>Database</TableCell>
              <TableCell>Account</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {grants.map(g => (
              <TableRow key={g.id}>
                <TableCell>
                  {g.database}
                  <GrantAccess grant={g} />
                </TableCell>
                <TableCell>
                  <AccountLabel name={stageOf(g.accountId)} id={g.accountId} />
                </TableCell>
                <TableCell>
                  <Chip size="small" label={g.state} />
                </TableCell>
                <TableCell>
                  {g.reason}
                  <Typography variant="caption" display="block">
                    asked by {g.requestedBy} on {day(g.requestedAt)}
                    {g.decidedBy &&
                      `; decided by ${g.decidedBy} on ${day(g.decidedAt)}`}
                    {g.decisionNote && ` (${g.decisionNote})`}
                    {g.revokedAt && `; ended on ${day(g.revokedAt)}`}
                  </Typography>
                  <GrantRedaction grant={g} />
                </TableCell>
                <TableCell>
                  <DecisionButtons
                    state={g.state}
                    mayApprove={mayApprove}
                    mayRevoke={mayRevoke}
                    busy={busy}
                    onDecide={decision => decide(g, decision)}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {grants && <NotebookSnippet grants={grants} />}
      <Box mt={2}>
        <Link to={templateFor(DATA_ACCESS_TEMPLATE_PATH, layout.project)}>
          Request data access
        </Link>
      </Box>
    </InfoCard>
  );
}
