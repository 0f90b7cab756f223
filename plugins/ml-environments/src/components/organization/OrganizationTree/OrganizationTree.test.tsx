import { fireEvent, screen, within } from '@testing-library/react';
import { organization } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { OrganizationTree } from './OrganizationTree';

describe('OrganizationTree', () => {
  it('nests the OUs with their account counts and worst state', async () => {
    await renderWithApi(
      <OrganizationTree root={organization.root} onSelect={jest.fn()} />,
      {},
    );
    const tree = await screen.findByRole('list', {
      name: 'Organizational units',
    });
    const items = within(tree).getAllByRole('listitem');
    expect(items.map(i => i.firstElementChild?.textContent)).toEqual([
      'Root4 accountsmissing',
      'Workloads3 accountsmissing',
      'Workloads_Dev2 accountsok',
      'Workloads_PreProd1 accountmissing',
    ]);
  });

  it('says which OUs Control Tower has not registered, or has accounts to enrol', async () => {
    const [workloads] = organization.root.children;
    const [dev, preprod] = workloads.children;
    const root = {
      ...organization.root,
      children: [
        {
          ...workloads,
          controlTower: { registered: true, unenrolledAccounts: false },
          children: [
            {
              ...dev,
              controlTower: { registered: false, unenrolledAccounts: false },
            },
            {
              ...preprod,
              controlTower: { registered: true, unenrolledAccounts: true },
            },
          ],
        },
      ],
    };
    await renderWithApi(
      <OrganizationTree root={root} onSelect={jest.fn()} />,
      {},
    );
    const items = within(
      await screen.findByRole('list', { name: 'Organizational units' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.firstElementChild?.textContent)).toEqual([
      'Root4 accountsmissing',
      'Workloads3 accountsmissing',
      'Workloads_Dev2 accountsoknot registered with Control Tower',
      'Workloads_PreProd1 accountmissingaccounts not enrolled in Control Tower',
    ]);
    // In a red readable on white (MUI's error.dark #d32f2f, 5:1), not
    // error.main (#f44336, 3.7:1, under WCAG AA's 4.5:1).
    expect(
      screen.getByText('accounts not enrolled in Control Tower'),
    ).toHaveStyle({ color: 'rgb(211, 47, 47)' });
  });

  it('filters to an OU when it is chosen, and back to all when chosen again', async () => {
    const onSelect = jest.fn();
    await renderWithApi(
      <OrganizationTree root={organization.root} onSelect={onSelect} />,
      {},
    );
    const preprod = screen.getByRole('button', { name: 'Workloads_PreProd' });
    expect(preprod).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(preprod);
    expect(onSelect).toHaveBeenLastCalledWith('Workloads/Workloads_PreProd');
    fireEvent.click(screen.getByRole('button', { name: 'Root' }));
    expect(onSelect).toHaveBeenLastCalledWith(undefined);
  });

  it('counts the accounts the other filters let through', async () => {
    await renderWithApi(
      <OrganizationTree
        root={organization.root}
        onSelect={jest.fn()}
        selected="Workloads/Workloads_Dev"
        matches={a => a.state === 'missing'}
      />,
      {},
    );
    const items = within(
      screen.getByRole('list', { name: 'Organizational units' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.firstElementChild?.textContent)).toEqual([
      'Root2 of 4 accounts matchmissing',
      'Workloads1 of 3 accounts matchmissing',
      'Workloads_Dev0 of 2 accounts matchok',
      'Workloads_PreProd1 of 1 account matchmissing',
    ]);
    expect(
      screen.getByRole('button', { name: 'Workloads_Dev' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('marks the chosen OU as current and highlights its row', async () => {
    await renderWithApi(
      <OrganizationTree
        root={organization.root}
        onSelect={jest.fn()}
        selected="Workloads/Workloads_Dev"
      />,
      {},
    );
    expect(
      screen.getByRole('button', { name: 'Workloads_Dev' }),
    ).toHaveAttribute('aria-current', 'true');
    expect(
      screen.getByRole('button', { name: 'Workloads_PreProd' }),
    ).not.toHaveAttribute('aria-current');
    const chosen = screen.getByTestId('ou-row-Workloads/Workloads_Dev');
    expect(chosen.style.backgroundColor).not.toBe('');
    expect(chosen.style.boxShadow).toMatch(/^inset 4px 0 0 /);
    const other = screen.getByTestId('ou-row-Workloads/Workloads_PreProd');
    expect(other.style.backgroundColor).toBe('');
    expect(other.style.boxShadow).toBe('');
  });
});
