import { screen, within } from '@testing-library/react';
import { churnLayout } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlProjectDiagram } from './MlProjectDiagram';

describe('MlProjectDiagram', () => {
  it('draws each account with its OU, stage, id and status, and the shared accounts', async () => {
    await renderWithApi(<MlProjectDiagram layout={churnLayout} />, {});
    const prod = await screen.findByTestId('account-node-200000000013');
    expect(
      within(prod).getByText('OU Workloads/Workloads_Prod'),
    ).toBeInTheDocument();
    expect(within(prod).getByText('prod')).toBeInTheDocument();
    expect(
      within(prod).getByText('churn-prediction-prod · 200000000013'),
    ).toBeInTheDocument();
    expect(within(prod).getByText('drifted')).toBeInTheDocument();
    const automation = screen.getByTestId('account-node-200000000014');
    expect(
      within(automation).getByText('belongs in Deployments/Deployments_Prod'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByTestId('account-node-shared:team-shared-services'),
      ).getByText('Team Shared Services'),
    ).toBeInTheDocument();
  });

  it('labels the promotion and deployment edges', async () => {
    await renderWithApi(<MlProjectDiagram layout={churnLayout} />, {});
    await screen.findByTestId('account-node-200000000011');
    expect(screen.getAllByText('promote')).toHaveLength(2);
    expect(screen.getAllByText('deploys')).toHaveLength(2);
  });
});
