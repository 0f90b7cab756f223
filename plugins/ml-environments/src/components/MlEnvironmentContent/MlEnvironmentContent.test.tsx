import { screen } from '@testing-library/react';
import { churnLayout, projectEntity } from '../__testUtils__/fixtures';
import { renderWithApi } from '../__testUtils__/renderWithApi';
import { responseError } from '../__testUtils__/responseError';
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
