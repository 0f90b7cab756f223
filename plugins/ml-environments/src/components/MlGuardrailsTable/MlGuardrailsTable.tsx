import { Table, TableColumn } from '@backstage/core-components';
import {
  GuardrailStatus,
  ProjectLayout,
} from '@mlgov/plugin-ml-environments-common';
import { GuardrailStateBadge, problemAge } from '../GuardrailStateBadge';
import { tableOptions } from '../tableOptions';

interface GuardrailRow extends GuardrailStatus {
  id: string;
  account: string;
  /** Whose problem it is and since when (problemAge), if known. */
  age?: string;
}

const columns: TableColumn<GuardrailRow>[] = [
  {
    title: 'Account',
    field: 'account',
    cellStyle: { whiteSpace: 'nowrap' },
  },
  {
    title: 'Guardrail',
    field: 'title',
    render: row => (
      <>
        {row.title}
        <br />
        <small>
          {row.kind === 'scp' ? 'SCP' : 'Control'} {row.guardrailId}
        </small>
      </>
    ),
  },
  {
    title: 'Status',
    field: 'state',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => <GuardrailStateBadge state={row.state} okLabel="ok" />,
  },
  {
    title: 'Reason',
    field: 'reason',
    cellStyle: { minWidth: 280 },
    render: row => (
      <>
        {row.reason}
        {row.age && (
          <>
            <br />
            <small>{row.age}</small>
          </>
        )}
      </>
    ),
  },
  {
    title: 'Decided by',
    field: 'carriedBy.name',
    render: row =>
      row.carriedBy ? `${row.carriedBy.name} on ${row.carriedBy.at}` : '—',
  },
];

/**
 * Every guardrail of every account in the project, with its status, the
 * reason and the SCP or control that carries it; problems first.
 */
export function MlGuardrailsTable({ layout }: { layout: ProjectLayout }) {
  const rows: GuardrailRow[] = layout.accounts.flatMap(account =>
    account.guardrails.map(guardrail => ({
      ...guardrail,
      id: `${account.id}/${guardrail.guardrailId}`,
      account: `${account.stage ?? account.name} (${account.id})`,
      age: problemAge(guardrail, layout.record?.createdAt),
    })),
  );
  // Problems first, then what an exception lifts on purpose, then what holds.
  const rank = (state: GuardrailRow['state']) =>
    ['excepted', 'ok'].indexOf(state);
  rows.sort((a, b) => rank(a.state) - rank(b.state));
  const problems = rows.filter(r => rank(r.state) < 0).length;
  const excepted = rows.filter(r => r.state === 'excepted').length;
  let subtitle = `All ${rows.length} hold`;
  if (problems) {
    subtitle = `${problems} of ${rows.length} need attention${
      excepted ? `, ${excepted} lifted by exception` : ''
    }`;
  } else if (excepted) {
    subtitle = `${excepted} lifted by exception, the other ${
      rows.length - excepted
    } hold`;
  }
  return (
    <Table<GuardrailRow>
      title="Guardrails"
      subtitle={subtitle}
      columns={columns}
      data={rows}
      options={{
        ...tableOptions(rows.length),
        search: true,
      }}
      emptyContent={<p>No guardrails are expected for these accounts.</p>}
    />
  );
}
