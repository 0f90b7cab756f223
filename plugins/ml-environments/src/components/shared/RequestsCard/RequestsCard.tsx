import { CSSProperties, ReactNode } from 'react';
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
import { ProjectLayout } from '@mlgov/plugin-ml-environments-common';
import {
  Decision,
  MlEnvironmentsApi,
  mlEnvironmentsApiRef,
} from '../../../api';
import { AccountLabel } from '../AccountId';
import { DecisionButtons, useDecisions } from '../DecisionButtons';
import { templateFor } from '../templateLink';
import { useCompactTable } from '../compactTable';
import { ErrorText } from '../ErrorText';
import { ProjectRequest } from './requestHistory';

/** One column a kind of request adds: its heading and each row's cell. */
export interface RequestColumn<T> {
  title: string;
  render: (request: T) => ReactNode;
  /** The cell's style, e.g. a date kept on one line. */
  style?: CSSProperties;
}

type PermissionCheck = Parameters<typeof usePermission>[0];
/** A permission on its own, e.g. approving across the organization. */
type BasicPermission = Extract<
  PermissionCheck,
  { resourceRef?: never }
>['permission'];
/** A permission on one project, checked for the card's project. */
type ProjectPermission = Extract<
  PermissionCheck,
  { resourceRef: string | undefined }
>['permission'];

/** What sets one kind of request (exceptions, data grants) apart. */
export interface RequestsCardProps<T extends ProjectRequest> {
  layout: ProjectLayout;
  /** The card's title, also the table's accessible name. */
  title: string;
  subheader: string;
  /** Said when the project has none. */
  empty: string;
  list: (api: MlEnvironmentsApi, project: string) => Promise<T[]>;
  decide: (api: MlEnvironmentsApi, id: string, d: Decision) => Promise<unknown>;
  /** Who may approve or reject; who may withdraw or end the project's. */
  approve: BasicPermission;
  revoke: ProjectPermission;
  /** The first column: what is asked for. */
  subject: RequestColumn<T>;
  /** Columns between the state and the reason. */
  columns?: RequestColumn<T>[];
  /** The line under the reason: who asked and decided, when. */
  history: (request: T) => string;
  /** More under the reason, e.g. what a grant withholds. */
  reasonNote?: (request: T) => ReactNode;
  /** Shown after the table, given every request. */
  footer?: (requests: T[]) => ReactNode;
  /** The template where the owner group asks for one. */
  template: string;
  /** The text of the link to it. */
  ask: string;
}

/**
 * A project's requests of one kind as a table: what was asked, for which
 * account, its state and reason, with approve/reject for approvers and
 * withdraw/end for the owner group. The backend decides every action again;
 * the buttons only follow permissions.
 */
export function RequestsCard<T extends ProjectRequest>(
  props: RequestsCardProps<T>,
) {
  const { layout, title, subject, columns = [], reasonNote, footer } = props;
  const compact = useCompactTable();
  const api = useApi(mlEnvironmentsApiRef);
  const { allowed: mayApprove } = usePermission({
    permission: props.approve,
  });
  const { allowed: mayRevoke } = usePermission({
    permission: props.revoke,
    resourceRef: layout.project,
  });
  const { items, loading, error, busy, problem, decide } = useDecisions(
    () => props.list(api, layout.project),
    (id, decision) => props.decide(api, id, decision),
    [api, layout.project],
  );
  const stageOf = (accountId: string) =>
    layout.accounts.find(a => a.id === accountId)?.stage ?? 'account';

  return (
    <InfoCard title={title} subheader={props.subheader}>
      {loading && !items && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {problem && (
        <ErrorText variant="body2" role="alert">
          {problem}
        </ErrorText>
      )}
      {items && items.length === 0 && (
        <Typography variant="body2" paragraph>
          {props.empty}
        </Typography>
      )}
      {items && items.length > 0 && (
        <Table size="small" aria-label={title} className={compact.table}>
          <TableHead>
            <TableRow>
              <TableCell>{subject.title}</TableCell>
              <TableCell>Account</TableCell>
              <TableCell>State</TableCell>
              {columns.map(c => (
                <TableCell key={c.title}>{c.title}</TableCell>
              ))}
              <TableCell>Reason</TableCell>
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(r => (
              <TableRow key={r.id}>
                <TableCell style={subject.style}>{subject.render(r)}</TableCell>
                <TableCell>
                  <AccountLabel name={stageOf(r.accountId)} id={r.accountId} />
                </TableCell>
                <TableCell>
                  <Chip size="small" label={r.state} />
                </TableCell>
                {columns.map(c => (
                  <TableCell key={c.title} style={c.style}>
                    {c.render(r)}
                  </TableCell>
                ))}
                <TableCell>
                  {r.reason}
                  <Typography variant="caption" display="block">
                    {props.history(r)}
                  </Typography>
                  {reasonNote?.(r)}
                </TableCell>
                <TableCell>
                  <DecisionButtons
                    state={r.state}
                    mayApprove={mayApprove}
                    mayRevoke={mayRevoke}
                    busy={busy}
                    onDecide={decision => decide(r, decision)}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {items && footer?.(items)}
      <Box mt={2}>
        <Link to={templateFor(props.template, layout.project)}>
          {props.ask}
        </Link>
      </Box>
    </InfoCard>
  );
}
