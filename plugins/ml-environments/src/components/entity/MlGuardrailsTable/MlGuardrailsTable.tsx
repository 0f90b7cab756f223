import { Table, TableColumn } from '@backstage/core-components';
import {
  GuardrailStatus,
  ProjectLayout,
} from '@mlgov/plugin-ml-environments-common';
import { AccountId } from '../../shared/AccountId';
import {
  GuardrailStateBadge,
  problemAge,
} from '../../shared/GuardrailStateBadge';
import { BreakableIds } from '../../shared/OuPath';
import { tableOptions } from '../../shared/tableOptions';

interface GuardrailRow extends GuardrailStatus {
  id: string;
  /** The account's stage, or its name. */
  account: string;
  accountId: string;
  /** Whose problem it is and since when (problemAge), if known. */
  age?: string;
}

/**
 * Words wrap whole; long ids and paths break after their slashes and
 * underscores (BreakableIds) rather than widen the table.
 */
const BREAKABLE = { wordBreak: 'normal', overflowWrap: 'break-word' } as const;
const CELL = { padding: '6px 8px', verticalAlign: 'top' } as const;

// Four columns that fit a 752 px card (a 1024 px window): the account's
// stage over its id, the policy that decides under the guardrail, and
// reasons that wrap; nothing scrolls sideways.
const columns: TableColumn<GuardrailRow>[] = [
  {
    title: 'Account',
    field: 'account',
    cellStyle: { ...CELL, paddingLeft: 16 },
    headerStyle: { paddingLeft: 16 },
    render: row => (
      <>
        <span style={{ whiteSpace: 'nowrap' }}>{row.account}</span>
        <br />
        <small>
          <AccountId id={row.accountId} />
        </small>
      </>
    ),
  },
  {
    title: 'Guardrail',
    field: 'title',
    cellStyle: { ...CELL, ...BREAKABLE, minWidth: 140 },
    render: row => (
      <>
        {row.title}
        <br />
        <small>
          {row.kind === 'scp' ? 'SCP' : 'Control'}{' '}
          <BreakableIds text={row.guardrailId} />
        </small>
        {row.carriedBy && (
          <>
            <br />
            <small>
              decided by <BreakableIds text={row.carriedBy.name} /> on{' '}
              <BreakableIds text={row.carriedBy.at} />
            </small>
          </>
        )}
      </>
    ),
  },
  {
    title: 'Status',
    field: 'state',
    cellStyle: { ...CELL, whiteSpace: 'nowrap' },
    render: row => <GuardrailStateBadge state={row.state} okLabel="ok" />,
  },
  {
    title: 'Reason',
    field: 'reason',
    cellStyle: { ...CELL, ...BREAKABLE, minWidth: 200 },
    render: row => (
      <>
        <BreakableIds text={row.reason} />
        {row.age && (
          <>
            <br />
            <small>{row.age}</small>
          </>
        )}
      </>
    ),
  },
];

/**
 * Every guardrail of every account in the project, with its status, the
 * reason and the SCP or control that carries it; problems first. Fits a
 * 1024 px window without sideways scrolling.
 */
export function MlGuardrailsTable({ layout }: { layout: ProjectLayout }) {
  const rows: GuardrailRow[] = layout.accounts.flatMap(account =>
    account.guardrails.map(guardrail => ({
      ...guardrail,
      id: `${account.id}/${guardrail.guardrailId}`,
      account: account.stage ?? account.name,
      accountId: account.id,
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
        padding: 'dense',
      }}
      emptyContent={<p>No guardrails are expected for these accounts.</p>}
    />
  );
}
