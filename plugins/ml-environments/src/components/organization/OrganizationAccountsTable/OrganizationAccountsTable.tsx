import { Table, TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { OrganizationAccount } from '@mlgov/plugin-ml-environments-common';
import { MlScorecardResult } from '../../../api';
import { AccountId } from '../../shared/AccountId';
import { GuardrailStateBadge } from '../../shared/GuardrailStateBadge';
import { OuPath } from '../../shared/OuPath';
import { ScorecardCell } from '../ScorecardCell';
import { tableOptions } from '../../shared/tableOptions';

/** The project, or why there is none the suite answers for. */
function ProjectCell({ account }: { account: OrganizationAccount }) {
  const notes = [
    account.managed ? undefined : 'unmanaged',
    account.status && account.status !== 'ACTIVE'
      ? account.status.toLowerCase()
      : undefined,
  ].filter(Boolean);
  return (
    <>
      {account.project ?? ''}
      {notes.map(note => (
        <Chip key={note} label={note} size="small" variant="outlined" />
      ))}
    </>
  );
}

// Narrower padding than the table's own, so the columns fit 1024 px.
const PADDING = { paddingLeft: 8, paddingRight: 8 };

const accountColumns = (
  onOpen: (account: OrganizationAccount) => void,
): TableColumn<OrganizationAccount>[] => [
  {
    title: 'Account',
    field: 'name',
    highlight: true,
    // A button, so the details are one Enter away from the keyboard too.
    render: account => (
      <Link
        component="button"
        variant="body2"
        onClick={() => onOpen(account)}
        aria-label={`${account.name}: guardrail details`}
        style={{ textAlign: 'left' }}
      >
        {account.name}
      </Link>
    ),
  },
  {
    title: 'Id',
    field: 'id',
    cellStyle: { whiteSpace: 'nowrap' },
    render: account => <AccountId id={account.id} />,
  },
  {
    title: 'OU',
    field: 'ouPath',
    render: account => <OuPath path={account.ouPath} />,
  },
  {
    title: 'Project',
    field: 'project',
    render: account => <ProjectCell account={account} />,
  },
  {
    // One column for both: seven did not fit a 1024 px window.
    title: 'Pattern / stage',
    field: 'pattern',
    render: account => (
      <>
        {account.pattern}
        {account.stage && (
          <Typography variant="caption" color="textSecondary" display="block">
            {account.stage}
          </Typography>
        )}
      </>
    ),
    customFilterAndSearch: (text: string, account) =>
      [account.pattern, account.stage].some(v =>
        v?.toUpperCase().includes(text.toUpperCase()),
      ),
  },
  {
    title: 'Guardrails',
    field: 'state',
    cellStyle: { whiteSpace: 'nowrap' },
    render: account => <GuardrailStateBadge state={account.state} />,
  },
];

/** Each account's Tech Insights checks, where the app has Tech Insights. */
const scorecardColumn = (
  scorecards: Map<string, MlScorecardResult[]>,
): TableColumn<OrganizationAccount> => ({
  title: 'Checks',
  cellStyle: { whiteSpace: 'nowrap' },
  sorting: false,
  render: account => <ScorecardCell results={scorecards.get(account.id)} />,
});

/** The columns, with the compact padding on every cell. */
const columnsFor = (
  onOpen: (account: OrganizationAccount) => void,
  scorecards?: Map<string, MlScorecardResult[]>,
): TableColumn<OrganizationAccount>[] =>
  [
    ...accountColumns(onOpen),
    ...(scorecards ? [scorecardColumn(scorecards)] : []),
  ].map(column => ({
    ...column,
    headerStyle: { ...PADDING, ...column.headerStyle },
    cellStyle: { ...PADDING, ...(column.cellStyle as object) },
  }));

/**
 * Every account matching the filters, paginated so 1,000+ stay usable; an
 * account's name opens its guardrail details.
 */
export function OrganizationAccountsTable({
  accounts,
  total,
  onOpen,
  scorecards,
}: {
  accounts: OrganizationAccount[];
  /** How many accounts there are without the filters. */
  total: number;
  onOpen: (account: OrganizationAccount) => void;
  /** The suite's checks per account id; no column without Tech Insights. */
  scorecards?: Map<string, MlScorecardResult[]>;
}) {
  return (
    <Table<OrganizationAccount>
      title={
        accounts.length === total
          ? `Accounts (${total})`
          : `Accounts (${accounts.length} of ${total})`
      }
      columns={columnsFor(onOpen, scorecards)}
      data={accounts}
      options={{
        ...tableOptions(accounts.length),
        search: true,
        padding: 'dense',
      }}
      emptyContent={<p>No account matches the filters.</p>}
    />
  );
}
