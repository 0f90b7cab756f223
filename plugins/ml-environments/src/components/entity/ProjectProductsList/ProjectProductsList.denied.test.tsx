import { screen } from '@testing-library/react';
import { churnLayout, projectEntity } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { ProjectProductsList } from './ProjectProductsList';

describe('ProjectProductsList without the permission to update products', () => {
  it('names the newer version and who updates it, with no button', async () => {
    const updateProjectProduct = jest.fn();
    await renderWithApi(
      <ProjectProductsList
        layout={{
          ...churnLayout,
          products: [
            {
              accountId: churnLayout.accounts[0].id,
              name: 'churn-prediction-studio',
              status: 'AVAILABLE',
              version: '1.0.0',
              latestVersion: '1.1.0',
            },
          ],
        }}
      />,
      { updateProjectProduct },
      projectEntity,
      'deny',
    );
    expect(
      await screen.findByText(/ask your platform team to update this product/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(updateProjectProduct).not.toHaveBeenCalled();
  });
});
