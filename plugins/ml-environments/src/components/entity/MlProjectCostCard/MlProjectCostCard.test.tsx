import { fireEvent, screen, within } from '@testing-library/react';
import { ProjectCost } from '@mlgov/plugin-ml-environments-common';
import { churnLayout } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { responseError } from '../../__testUtils__/responseError';
import { MlProjectCostCard } from './MlProjectCostCard';

const cost: ProjectCost = {
  project: 'churn-prediction',
  currency: 'USD',
  monthToDate: {
    total: 181.5,
    byAccount: [
      { accountId: '200000000011', stage: 'dev', amount: 120.25 },
      { accountId: '200000000012', stage: 'preprod', amount: 61.25 },
    ],
  },
  daily: [
    { date: '2026-12-01', amount: 60.5 },
    { date: '2026-12-02', amount: 80 },
    { date: '2026-12-03', amount: 41 },
  ],
  budget: { limit: 200, forecast: 1875.5, percentUsed: 90.8 },
};

describe('MlProjectCostCard', () => {
  it('shows the month so far, each account, the budget used and the daily figures', async () => {
    const api = await renderWithApi(
      <MlProjectCostCard layout={churnLayout} />,
      {
        getProjectCost: jest.fn(async () => cost),
      },
    );
    expect(await screen.findByText('$181.50')).toBeInTheDocument();
    expect(api.getProjectCost).toHaveBeenCalledWith('churn-prediction');
    const accounts = screen.getByRole('table', { name: 'Cost per account' });
    expect(
      within(accounts).getByRole('cell', { name: 'dev (200000000011)' })
        .nextElementSibling,
    ).toHaveTextContent('$120.25');
    expect(
      within(accounts).getByRole('cell', { name: 'preprod (200000000012)' })
        .nextElementSibling,
    ).toHaveTextContent('$61.25');
    expect(
      screen.getByRole('progressbar', {
        name: /90.8% of the \$200.00 monthly spending limit used; forecast \$1,875.50/,
      }),
    ).toHaveAttribute('aria-valuenow', '91');
    // The chart, labelled, and its table alternative.
    expect(
      screen
        .getByRole('img', {
          name: 'Daily cost this month, highest $80.00',
        })
        .querySelectorAll('rect'),
    ).toHaveLength(3);
    fireEvent.click(screen.getByText('Daily cost as a table'));
    const daily = screen.getByRole('table', { name: 'Daily cost' });
    expect(within(daily).getAllByRole('row')).toHaveLength(4);
    expect(
      within(daily).getByRole('cell', { name: '2026-12-02' })
        .nextElementSibling,
    ).toHaveTextContent('$80.00');
  });

  it('leaves the budget out for a project without one', async () => {
    await renderWithApi(<MlProjectCostCard layout={churnLayout} />, {
      getProjectCost: jest.fn(async () => ({ ...cost, budget: undefined })),
    });
    expect(await screen.findByText('$181.50')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says who sees the cost when the backend refuses (403)', async () => {
    const refusal = await responseError(
      403,
      'NotAllowedError',
      'Only members of group:default/team-churn',
    );
    await renderWithApi(<MlProjectCostCard layout={churnLayout} />, {
      getProjectCost: jest.fn(async () => {
        throw refusal;
      }),
    });
    expect(
      await screen.findByText(
        "Only the project's owner group and administrators see its cost.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('$181.50')).not.toBeInTheDocument();
  });
});
