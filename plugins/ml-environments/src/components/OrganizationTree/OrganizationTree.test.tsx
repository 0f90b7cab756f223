import { screen, within } from '@testing-library/react';
import { organization } from '../__testUtils__/fixtures';
import { renderWithApi } from '../__testUtils__/renderWithApi';
import { OrganizationTree } from './OrganizationTree';

describe('OrganizationTree', () => {
  it('nests the OUs with their account counts and worst state', async () => {
    await renderWithApi(<OrganizationTree root={organization.root} />, {});
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
    await renderWithApi(<OrganizationTree root={root} />, {});
    const items = within(
      await screen.findByRole('list', { name: 'Organizational units' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.firstElementChild?.textContent)).toEqual([
      'Root4 accountsmissing',
      'Workloads3 accountsmissing',
      'Workloads_Dev2 accountsoknot registered with Control Tower',
      'Workloads_PreProd1 accountmissingaccounts not enrolled in Control Tower',
    ]);
  });
});
