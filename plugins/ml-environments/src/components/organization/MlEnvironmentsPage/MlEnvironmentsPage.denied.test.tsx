import { screen } from '@testing-library/react';
import { projectEntity } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlEnvironmentsPage } from './MlEnvironmentsPage';

// Its own file: usePermission caches answers for the module's lifetime.
describe('MlEnvironmentsPage without the refresh permission', () => {
  it('hides the refresh button from those not allowed', async () => {
    await renderWithApi(<MlEnvironmentsPage />, {}, projectEntity, 'deny');
    await screen.findByText('Organization o-demo');
    expect(
      screen.queryByRole('button', { name: 'Refresh now' }),
    ).not.toBeInTheDocument();
  });
});
