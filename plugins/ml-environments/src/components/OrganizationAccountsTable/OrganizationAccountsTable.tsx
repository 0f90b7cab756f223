import { Table, TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
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

const columns: TableColumn<OrganizationAccount>[] = [
  { title: 'Account', field: 'name', highlight: true },
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

/** Every account matching the filters, paginated so 1,000+ stay usable. */
export function OrganizationAccountsTable({
  accounts,
}: {
  accounts: OrganizationAccount[];
}) {
  return (
    <Table<OrganizationAccount>
      title={`Accounts (${accounts.length})`}
      columns={columns}
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
