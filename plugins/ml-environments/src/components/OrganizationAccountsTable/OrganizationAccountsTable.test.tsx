import { OrganizationAccount } from '@mlgov/plugin-ml-environments-common';
import { fireEvent, screen } from '@testing-library/react';
import { renderWithApi } from '../__testUtils__/fixtures';
import { OrganizationAccountsTable } from './OrganizationAccountsTable';

const manyAccounts: OrganizationAccount[] = Array.from(
  { length: 1200 },
  (_, i) => ({
    id: String(300000000000 + i),
    name: `project-${i}-dev`,
    parentId: 'ou-dev',
    ouPath: 'Workloads/Workloads_Dev',
    project: `project-${i}`,
    pattern: 'dev',
    stage: 'dev',
    state: i % 100 === 0 ? 'missing' : 'ok',
  }),
);

describe('OrganizationAccountsTable', () => {
  it('renders one page of 20 out of 1,200 accounts and pages on', async () => {
    await renderWithApi(
      <OrganizationAccountsTable accounts={manyAccounts} />,
      {},
    );
    expect(await screen.findByText('Accounts (1200)')).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(
      1 + 20 + 1, // header, one page, pagination footer
    );
    expect(screen.getByText('project-0-dev')).toBeInTheDocument();
    expect(screen.queryByText('project-20-dev')).not.toBeInTheDocument();
    fireEvent.click(screen.getAllByRole('button', { name: /next page/i })[0]);
    expect(await screen.findByText('project-20-dev')).toBeInTheDocument();
  });

  it('says when no account matches', async () => {
    await renderWithApi(<OrganizationAccountsTable accounts={[]} />, {});
    expect(
      await screen.findByText('No account matches the filters.'),
    ).toBeInTheDocument();
  });
});
