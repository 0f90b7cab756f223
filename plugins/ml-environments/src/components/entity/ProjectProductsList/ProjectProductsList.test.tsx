import { fireEvent, screen } from '@testing-library/react';
import { ProjectLayout } from '@mlgov/plugin-ml-environments-common';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { ProjectProductsList } from './ProjectProductsList';

// Every permission allowed here (an administrator); the denied case is in
// ProjectProductsList.denied.test.tsx, as usePermission caches its answer.
const render = (
  element: Parameters<typeof renderWithApi>[0],
  api: Parameters<typeof renderWithApi>[1] = {},
) => renderWithApi(element, api);

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
    await render(
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

  it('updates an outdated product for an administrator and says what happened', async () => {
    const updateProjectProduct = jest.fn(async () => ({
      accountId: '200000000011',
      product: 'churn-prediction-studio',
      fromVersion: '1.0.0',
      toVersion: '1.1.0',
      updated: true,
    }));
    await render(
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
      { updateProjectProduct },
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Update to 1.1.0' }),
    );
    expect(
      await screen.findByText(
        /updated to 1\.1\.0; the page shows it after the next refresh/,
      ),
    ).toBeInTheDocument();
    expect(updateProjectProduct).toHaveBeenCalledWith(
      'churn-prediction',
      '200000000011',
      'churn-prediction-studio',
    );
  });

  it('shows the backend’s refusal and keeps the button', async () => {
    await render(
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
      {
        updateProjectProduct: jest.fn(async () => {
          throw new Error(
            'Not updating churn-prediction-studio: its service control policies would deny StudioDomain (sagemaker:CreateDomain)',
          );
        }),
      },
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Update to 1.1.0' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /would deny StudioDomain \(sagemaker:CreateDomain\)/,
    );
    expect(
      screen.getByRole('button', { name: 'Update to 1.1.0' }),
    ).toBeEnabled();
  });

  it('shows a current product’s version alone', async () => {
    await render(
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
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('claims no version when the snapshot could not read it', async () => {
    await render(
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
    await render(<ProjectProductsList layout={layout([])} />);
    expect(
      screen.queryByText('Service Catalog products'),
    ).not.toBeInTheDocument();
  });
});
