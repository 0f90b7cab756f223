import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ProjectLayout } from '@mlgov/plugin-ml-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { mlEnvironmentsApiRef } from '../../../api';
import { backendError } from '../../../api/backendError';
import { AccountLabel } from '../../shared/AccountId';
import { useCompactTable } from '../../shared/compactTable';
import { DailyCostChart } from './DailyCostChart';

/**
 * What the project spends this month: the total, each account, the sandbox
 * budget's use and a small daily chart with its table. The backend answers
 * only the owner group and administrators; others see why.
 *
 * @public
 */
export function MlProjectCostCard(props: { layout: ProjectLayout }) {
  const { layout } = props;
  const api = useApi(mlEnvironmentsApiRef);
  const compact = useCompactTable();
  const {
    value: cost,
    loading,
    error,
  } = useAsync(() => api.getProjectCost(layout.project), [api, layout.project]);
  const money = (amount: number) =>
    new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: cost?.currency ?? 'USD',
    }).format(amount);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error && backendError(error).name === 'NotAllowedError') {
    content = (
      <Typography variant="body2">
        Only the project's owner group and administrators see its cost.
      </Typography>
    );
  } else if (error || !cost) {
    content = <ResponseErrorPanel error={error ?? new Error('No answer')} />;
  } else {
    const { budget } = cost;
    content = (
      <>
        <Typography variant="h5" component="p">
          {money(cost.monthToDate.total)}{' '}
          <Typography component="span" variant="body2" color="textSecondary">
            this month so far
          </Typography>
        </Typography>
        {budget && (
          <Box my={2}>
            <Typography variant="body2" id="ml-cost-budget">
              {budget.percentUsed}% of the {money(budget.limit)} monthly
              spending limit used; forecast {money(budget.forecast)}
            </Typography>
            <LinearProgress
              variant="determinate"
              value={Math.min(budget.percentUsed, 100)}
              color={budget.percentUsed >= 80 ? 'secondary' : 'primary'}
              aria-labelledby="ml-cost-budget"
            />
          </Box>
        )}
        <Table
          size="small"
          aria-label="Cost per account"
          className={compact.table}
        >
          <TableHead>
            <TableRow>
              <TableCell>Account</TableCell>
              <TableCell align="right">This month</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {cost.monthToDate.byAccount.map(a => (
              <TableRow key={a.accountId}>
                <TableCell>
                  <AccountLabel name={a.stage} id={a.accountId} />
                </TableCell>
                <TableCell align="right">{money(a.amount)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Box mt={2}>
          <DailyCostChart daily={cost.daily} format={money} />
          <details>
            <summary>
              <Typography component="span" variant="body2">
                Daily cost as a table
              </Typography>
            </summary>
            <Table
              size="small"
              aria-label="Daily cost"
              className={compact.table}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Day</TableCell>
                  <TableCell align="right">Cost</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {cost.daily.map(d => (
                  <TableRow key={d.date}>
                    <TableCell>{d.date}</TableCell>
                    <TableCell align="right">{money(d.amount)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </details>
        </Box>
      </>
    );
  }
  return (
    <InfoCard
      title="Cost"
      subheader="Month to date, from AWS Cost Explorer (unblended); today's figure is an estimate"
    >
      {content}
    </InfoCard>
  );
}
