import { screen } from '@testing-library/react';
import { churnLayout, projectEntity } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { responseError } from '../../__testUtils__/responseError';
import { MlEnvironmentContent } from './MlEnvironmentContent';

describe('MlEnvironmentContent', () => {
  it('shows the diagram, guardrails, permissions, Studio and the onboarding guide', async () => {
    await renderWithApi(<MlEnvironmentContent />, {});
    expect(
      await screen.findByTestId('account-node-200000000011'),
    ).toBeInTheDocument();
    expect(screen.getByText('Guardrails')).toBeInTheDocument();
    expect(screen.getByText('Effective permissions')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Open SageMaker Studio/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Onboarding guide (TechDocs)' }),
    ).toHaveAttribute('href', '/docs/default/system/churn-prediction');
    expect(
      screen.getByText('SageMaker Studio domain in dev: AVAILABLE'),
    ).toBeInTheDocument();
  });

  it("names the owner from the suite's record, or says the project is not recorded", async () => {
    await renderWithApi(<MlEnvironmentContent />, {});
    expect(
      await screen.findByText(
        /Owned by group:default\/team-churn \(provisioned by the suite\)/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a retired project as retired, without Studio', async () => {
    await renderWithApi(<MlEnvironmentContent />, {
      getProject: async () => ({
        ...churnLayout,
        record: {
          ...churnLayout.record!,
          retirement: {
            state: 'retired',
            reason: 'model replaced by churn-v2',
            requestedBy: 'user:default/ada',
            requestedAt: '2026-12-03T09:00:00.000Z',
            retiredAt: '2026-12-03T09:05:00.000Z',
            accounts: [
              { accountId: '200000000011', closure: 'closing' },
              { accountId: '200000000013', closure: 'suspended' },
            ],
          },
        },
      }),
    });
    expect(
      await screen.findByText(/Retired on 2026-12-03/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /model replaced by churn-v2.*1 of them are being closed/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Open SageMaker Studio/ }),
    ).not.toBeInTheDocument();
  });

  it('says when the project is known only from AWS tags', async () => {
    const { record: _, ...unrecorded } = churnLayout;
    await renderWithApi(<MlEnvironmentContent />, {
      getProject: async () => unrecorded,
    });
    expect(
      await screen.findByText(/Not in the suite's record/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Owned by/)).not.toBeInTheDocument();
  });

  it('says why there is no onboarding link', async () => {
    const { 'backstage.io/techdocs-ref': _, ...annotations } =
      projectEntity.metadata.annotations!;
    await renderWithApi(
      <MlEnvironmentContent />,
      {},
      {
        ...projectEntity,
        metadata: { ...projectEntity.metadata, annotations },
      },
    );
    expect(await screen.findByText(/No onboarding guide/)).toBeInTheDocument();
  });

  it("shows the recorded project's cost card", async () => {
    await renderWithApi(<MlEnvironmentContent />, {
      getProjectCost: async () => ({
        project: 'churn-prediction',
        currency: 'USD',
        monthToDate: { total: 42, byAccount: [] },
        daily: [],
      }),
    });
    expect(await screen.findByText('$42.00')).toBeInTheDocument();
    expect(screen.getByText('this month so far')).toBeInTheDocument();
  });

  it('explains a missing permission instead of the tab', async () => {
    const error = await responseError(403, 'NotAllowedError', 'Not allowed');
    await renderWithApi(<MlEnvironmentContent />, {
      getProject: async () => {
        throw error;
      },
    });
    expect(
      await screen.findByText(/ml-environments\.status\.read permission/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Guardrails')).not.toBeInTheDocument();
  });
});
