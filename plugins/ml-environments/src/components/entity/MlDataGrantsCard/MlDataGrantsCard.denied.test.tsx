import { screen } from '@testing-library/react';
import {
  churnLayout,
  pendingDataGrant as pending,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlDataGrantsCard } from './MlDataGrantsCard';

// Its own file: usePermission caches answers for the module's lifetime.
describe('MlDataGrantsCard without permissions', () => {
  it('shows no action to a user the permissions refuse', async () => {
    await renderWithApi(
      <MlDataGrantsCard layout={churnLayout} />,
      { listDataGrants: jest.fn(async () => [pending]) },
      undefined,
      'deny',
    );
    expect(await screen.findByText('pending')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
