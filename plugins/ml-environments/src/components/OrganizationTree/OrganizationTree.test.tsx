import { screen, within } from '@testing-library/react';
import { organization, renderWithApi } from '../__testUtils__/fixtures';
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
});
