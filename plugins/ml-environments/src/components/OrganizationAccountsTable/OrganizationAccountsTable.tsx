import { Table, TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import { OrganizationAccount } from '@mlgov/plugin-ml-environments-common';
import { GuardrailStateBadge } from '../GuardrailStateBadge';
import { tableOptions } from '../tableOptions';

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

const columnsFor = (
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
  { title: 'Id', field: 'id' },
  {
    title: 'OU',
    field: 'ouPath',
    render: account => account.ouPath || 'Root',
  },
  {
    title: 'Project',
    field: 'project',
    render: account => <ProjectCell account={account} />,
  },
  { title: 'Pattern', field: 'pattern' },
  { title: 'Stage', field: 'stage' },
  {
    title: 'Guardrails',
    field: 'state',
    render: account => <GuardrailStateBadge state={account.state} />,
  },
];

/**
 * Every account matching the filters, paginated so 1,000+ stay usable; an
 * account's name opens its guardrail details.
 */
export function OrganizationAccountsTable({
  accounts,
  total,
  onOpen,
}: {
  accounts: OrganizationAccount[];
  /** How many accounts there are without the filters. */
  total: number;
  onOpen: (account: OrganizationAccount) => void;
}) {
  return (
    <Table<OrganizationAccount>
      title={
        accounts.length === total
          ? `Accounts (${total})`
          : `Accounts (${accounts.length} of ${total})`
      }
      columns={columnsFor(onOpen)}
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
