import { screen } from '@testing-library/react';
import { churnLayout } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
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

  it('says which accounts Control Tower does not govern yet, with the remedy', async () => {
    const [prod, dev, ...rest] = churnLayout.accounts;
    await renderWithApi(<MlProjectLayoutCard />, {
      getProject: async () => ({
        ...churnLayout,
        landingZone: { arn: 'arn:lz', version: '3.3', drifted: false },
        accounts: [
          {
            ...prod,
            controlTower: { ouRegistered: false, enrolmentPending: false },
          },
          {
            ...dev,
            controlTower: { ouRegistered: true, enrolmentPending: true },
          },
          ...rest,
        ],
      }),
    });
    expect(
      await screen.findByText(/^OU not registered with Control Tower/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^not enrolled in Control Tower: reset the OU's baseline/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Control Tower landing zone 3.3$/),
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
