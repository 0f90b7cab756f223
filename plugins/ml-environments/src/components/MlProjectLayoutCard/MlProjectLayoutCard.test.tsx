import { screen } from '@testing-library/react';
import { renderWithApi } from '../__testUtils__/fixtures';
import { MlProjectLayoutCard } from './MlProjectLayoutCard';

describe('MlProjectLayoutCard', () => {
  it('groups the accounts by OU with their guardrail status and the promotion path', async () => {
    await renderWithApi(<MlProjectLayoutCard />, {});
    expect(
      await screen.findByText('OU Workloads/Workloads_Dev'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('churn-prediction-dev (200000000011)'),
    ).toBeInTheDocument();
    expect(screen.getByText('guardrails ok')).toBeInTheDocument();
    expect(screen.getByText('drifted')).toBeInTheDocument();
    expect(screen.getAllByText('missing')).toHaveLength(2);
    expect(screen.getByText('OU Root')).toBeInTheDocument();
    expect(
      screen.getByText('belongs in Deployments/Deployments_Prod'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Promotion path: dev → preprod → prod/),
    ).toBeInTheDocument();
  });

  it("shows the backend's problem inside the card", async () => {
    await renderWithApi(<MlProjectLayoutCard />, {
      getProject: async () => {
        throw new Error('Backend unreachable');
      },
    });
    expect(await screen.findByText('AWS account layout')).toBeInTheDocument();
    expect(
      await screen.findByText('Error: Backend unreachable'),
    ).toBeInTheDocument();
  });
});
