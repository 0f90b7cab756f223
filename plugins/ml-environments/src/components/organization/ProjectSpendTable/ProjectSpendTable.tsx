import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import { ProjectSpend } from '@mlgov/plugin-ml-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { mlEnvironmentsApiRef } from '../../../api';
import { tableOptions } from '../../shared/tableOptions';

const moneyIn = (currency: string) => (amount: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(
    amount,
  );

const columnsIn = (currency: string): TableColumn<ProjectSpend>[] => {
  const money = moneyIn(currency);
  return [
    {
      title: 'Project',
      field: 'project',
      highlight: true,
      render: row => (
        <Link to={`/catalog/default/system/${row.project}/ml-environment`}>
          {row.project}
        </Link>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: row => parseEntityRef(row.owner).name,
    },
    {
      title: 'Spend this month',
      field: 'monthToDate',
      type: 'numeric',
      render: row => money(row.monthToDate),
    },
    {
      title: 'In shared accounts',
      field: 'sharedAccounts',
      type: 'numeric',
      render: row => money(row.sharedAccounts),
    },
  ];
};

/**
 * The month-to-date spend of every project the user may see the cost of
 * (the owner group's members and administrators), sortable by spend; the
 * backend leaves out the others.
 */
export function ProjectSpendTable({ project }: { project?: string }) {
  const api = useApi(mlEnvironmentsApiRef);
  const { value, loading, error } = useAsync(
    () => api.listProjectCosts(),
    [api],
  );
  if (loading) return <Progress />;
  if (error || !value) {
    return <ResponseErrorPanel error={error ?? new Error('No answer')} />;
  }
  // Biggest spenders first, what a platform owner asks every week; the
  // column headers sort either way.
  const rows = value.projects
    .filter(p => !project || p.project === project)
    .sort((a, b) => b.monthToDate - a.monthToDate);
  return (
    <Table<ProjectSpend>
      title="Project spend this month"
      subtitle={`AWS Cost Explorer, read ${new Date(
        value.readAt,
      ).toLocaleString()}; projects whose cost you may not see are not listed`}
      columns={columnsIn(value.currency)}
      data={rows}
      options={{ ...tableOptions(rows.length), search: false }}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No project whose cost you may see: only a project's owner group and
          administrators see what it spends.
        </Typography>
      }
    />
  );
}
