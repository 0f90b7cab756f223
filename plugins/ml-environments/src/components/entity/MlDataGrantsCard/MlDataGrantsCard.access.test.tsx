import { screen } from '@testing-library/react';
import { DataGrant } from '@mlgov/plugin-ml-environments-common';
import {
  churnLayout,
  pendingDataGrant as pending,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlDataGrantsCard } from './MlDataGrantsCard';

const sales: DataGrant = {
  ...pending,
  id: '6f1c2b7e-0000-4000-9000-000000000002',
  database: 'sales',
  state: 'active',
  access: {
    link: 'sales_link',
    state: 'in-sync',
    problems: [],
    roles: ['arn:aws:iam::200000000011:role/studio-execution'],
  },
};

describe('MlDataGrantsCard: how a notebook reads a grant', () => {
  it('names the resource link to query and gives a notebook snippet for an active grant', async () => {
    await renderWithApi(<MlDataGrantsCard layout={churnLayout} />, {
      listDataGrants: jest.fn(async () => [sales, pending]),
    });
    expect(await screen.findByText('"sales_link"."<table>"')).toBeVisible();
    const snippet = screen.getByLabelText('Notebook snippet');
    expect(snippet).toHaveTextContent(
      'SELECT * FROM "sales_link"."<table>" LIMIT 10',
    );
    expect(snippet).toHaveTextContent('import awswrangler as wr');
    // A pending grant has nothing to query yet.
    expect(screen.queryByText('"customers_link"."<table>"')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows drift with what to do', async () => {
    const problem =
      'The resource link sales_link to sales is missing in 200000000011 (or points elsewhere): notebooks cannot query it; ask for the database again';
    await renderWithApi(<MlDataGrantsCard layout={churnLayout} />, {
      listDataGrants: jest.fn(
        async (): Promise<DataGrant[]> => [
          {
            ...sales,
            access: { link: 'sales_link', state: 'drift', problems: [problem] },
          },
        ],
      ),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `Drift: ${problem}`,
    );
  });
});
