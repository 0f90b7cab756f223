import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { ProjectLayout } from '@mlgov/plugin-ml-environments-common';
import { ProjectProductsList } from './ProjectProductsList';

const layout = (products: ProjectLayout['products']) =>
  ({
    project: 'churn-prediction',
    takenAt: '2026-12-07T10:00:00.000Z',
    accounts: [
      {
        id: '200000000011',
        name: 'churn-prediction-dev',
        stage: 'dev',
        ouPath: 'Workloads/Workloads_Dev',
        state: 'ok',
        guardrails: [],
        effectivePermissions: [],
      },
    ],
    products,
  } as ProjectLayout);

describe('ProjectProductsList', () => {
  it('shows an outdated product’s version, the newer one and who updates it', async () => {
    await renderInTestApp(
      <ProjectProductsList
        layout={layout([
          {
            accountId: '200000000011',
            name: 'churn-prediction-studio',
            status: 'AVAILABLE',
            version: '1.0.0',
            latestVersion: '1.1.0',
          },
        ])}
      />,
    );
    expect(
      screen.getByText(/churn-prediction-studio in dev: AVAILABLE/),
    ).toHaveTextContent(/· version 1\.0\.0 · version 1\.1\.0 available/);
    const note = screen.getByText(
      /version 1\.1\.0 available: a newer version is published; ask your platform team to update this product/,
    );
    fireEvent.mouseOver(note);
    expect(
      await screen.findByText(
        /New provisioning launches it; this provisioned product stays on its version/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a current product’s version alone', async () => {
    await renderInTestApp(
      <ProjectProductsList
        layout={layout([
          {
            accountId: '200000000011',
            name: 'churn-prediction-studio',
            status: 'AVAILABLE',
            version: '1.1.0',
            latestVersion: '1.1.0',
          },
        ])}
      />,
    );
    expect(
      screen.getByText(/churn-prediction-studio in dev: AVAILABLE/),
    ).toHaveTextContent(/version 1\.1\.0$/);
    expect(screen.queryByText(/available/)).not.toBeInTheDocument();
  });

  it('claims no version when the snapshot could not read it', async () => {
    await renderInTestApp(
      <ProjectProductsList
        layout={layout([
          {
            accountId: '200000000011',
            name: 'churn-prediction-studio',
            status: 'UNDER_CHANGE',
          },
        ])}
      />,
    );
    expect(
      screen.getByText(/churn-prediction-studio in dev: UNDER_CHANGE/),
    ).not.toHaveTextContent(/version/);
  });

  it('shows nothing for a project without products', async () => {
    const { container } = await renderInTestApp(
      <ProjectProductsList layout={layout([])} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
