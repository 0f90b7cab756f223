import { OrganizationAccount } from '@mlgov/plugin-ml-environments-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
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
    managed: i % 2 === 0,
    status: i === 1 ? 'SUSPENDED' : 'ACTIVE',
  }),
);

describe('OrganizationAccountsTable', () => {
  it('renders one page of 20 out of 1,200 accounts and pages on', async () => {
    await renderWithApi(
      <OrganizationAccountsTable
        accounts={manyAccounts}
        total={manyAccounts.length}
        onOpen={jest.fn()}
      />,
      {},
    );
    expect(await screen.findByText('Accounts (1200)')).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(
      1 + 20 + 1, // header, one page, pagination footer
    );
    expect(screen.getByText('project-0-dev')).toBeInTheDocument();
    expect(screen.queryByText('project-20-dev')).not.toBeInTheDocument();
    // Accounts outside the suite's record, and closed ones, say so.
    const unmanaged = screen.getByText('project-1-dev').closest('tr')!;
    expect(unmanaged).toHaveTextContent('unmanaged');
    expect(unmanaged).toHaveTextContent('suspended');
    expect(
      screen.getByText('project-2-dev').closest('tr'),
    ).not.toHaveTextContent('unmanaged');
    fireEvent.click(screen.getAllByRole('button', { name: /next page/i })[0]);
    expect(await screen.findByText('project-20-dev')).toBeInTheDocument();
  });

  it("opens an account's details from its name", async () => {
    const onOpen = jest.fn();
    await renderWithApi(
      <OrganizationAccountsTable
        accounts={manyAccounts.slice(0, 3)}
        total={1200}
        onOpen={onOpen}
      />,
      {},
    );
    expect(screen.getByText('Accounts (3 of 1200)')).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'project-2-dev: guardrail details' }),
    );
    expect(onOpen.mock.calls[0][0].id).toBe(manyAccounts[2].id);
  });

  it('keeps each id on one line in monospace and fits pattern and stage in one column', async () => {
    await renderWithApi(
      <OrganizationAccountsTable
        accounts={manyAccounts.slice(0, 2)}
        total={2}
        onOpen={jest.fn()}
      />,
      {},
    );
    const id = screen.getByText('300000000000');
    expect(id).toHaveStyle({ fontFamily: 'monospace', whiteSpace: 'nowrap' });
    expect(id.closest('td')).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(
      screen
        .getAllByRole('columnheader')
        .map(h => h.textContent)
        .filter(Boolean),
    ).toEqual([
      'Account',
      'Id',
      'OU',
      'Project',
      'Pattern / stage',
      'Guardrails',
    ]);
    const row = id.closest('tr')!;
    // The OU path breaks after its slash only, never inside a name.
    expect(row.querySelector('wbr')).not.toBeNull();
    expect(row).toHaveTextContent('Workloads/Workloads_Dev');
    expect(row).toHaveTextContent('devdev');
  });

  it('finds accounts by stage too', async () => {
    const accounts = [
      { ...manyAccounts[0], name: 'first', stage: 'prod' },
      { ...manyAccounts[1], name: 'second' },
    ];
    await renderWithApi(
      <OrganizationAccountsTable
        accounts={accounts}
        total={2}
        onOpen={jest.fn()}
      />,
      {},
    );
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'PROD' },
    });
    expect(await screen.findByText('first')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('second')).toBeNull());
  });

  it('says when no account matches', async () => {
    await renderWithApi(
      <OrganizationAccountsTable accounts={[]} total={3} onOpen={jest.fn()} />,
      {},
    );
    // The count says what the filters left of how many.
    expect(screen.getByText('Accounts (0 of 3)')).toBeInTheDocument();
    expect(
      await screen.findByText('No account matches the filters.'),
    ).toBeInTheDocument();
  });

  it("shows each account's scorecard in a Checks column only where Tech Insights answered", async () => {
    const accounts = manyAccounts.slice(0, 2);
    await renderWithApi(
      <OrganizationAccountsTable
        accounts={accounts}
        total={2}
        onOpen={jest.fn()}
        scorecards={
          new Map([
            [
              accounts[0].id,
              [
                {
                  checkId: 'mlAccountEnrolled',
                  name: 'Account enrolled in Control Tower',
                  description: '',
                  passed: true,
                },
              ],
            ],
          ])
        }
      />,
      {},
    );
    expect(
      screen.getByRole('columnheader', { name: 'Checks' }),
    ).toBeInTheDocument();
    expect(screen.getByText('project-0-dev').closest('tr')).toHaveTextContent(
      '1/1',
    );
    expect(screen.getByText('project-1-dev').closest('tr')).toHaveTextContent(
      'no facts yet',
    );
  });

  it('has no Checks column without scorecards', async () => {
    await renderWithApi(
      <OrganizationAccountsTable
        accounts={manyAccounts.slice(0, 2)}
        total={2}
        onOpen={jest.fn()}
      />,
      {},
    );
    expect(screen.getByText('project-0-dev')).toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'Checks' }),
    ).not.toBeInTheDocument();
  });
});
