import { screen } from '@testing-library/react';
import {
  churnLayout,
  pendingException as pending,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlGuardrailExceptionsCard } from './MlGuardrailExceptionsCard';

// Its own file: usePermission caches answers for the module's lifetime.
describe('MlGuardrailExceptionsCard without permissions', () => {
  it('shows no action to a user the permissions refuse', async () => {
    await renderWithApi(
      <MlGuardrailExceptionsCard layout={churnLayout} />,
      { listExceptions: jest.fn(async () => [pending]) },
      undefined,
      'deny',
    );
    expect(await screen.findByText('pending')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
