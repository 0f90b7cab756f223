import { screen } from '@testing-library/react';
import { churnLayout } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlEffectivePermissionsCard } from './MlEffectivePermissionsCard';

describe('MlEffectivePermissionsCard', () => {
  it('answers in plain words, naming the policy and OU that deny', async () => {
    await renderWithApi(
      <MlEffectivePermissionsCard layout={churnLayout} />,
      {},
    );
    expect(
      await screen.findByText(
        'SageMaker endpoints: denied in dev by mlgov-deny-sagemaker-hosting on Workloads/Workloads_Dev',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('SageMaker endpoints: allowed in prod'),
    ).toBeInTheDocument();
    expect(screen.getAllByTitle('denied')).toHaveLength(1);
    expect(screen.getAllByTitle('allowed')).toHaveLength(3);
  });

  it('says when nothing was evaluated', async () => {
    const bare = {
      ...churnLayout,
      accounts: churnLayout.accounts.map(a => ({
        ...a,
        effectivePermissions: [],
      })),
    };
    await renderWithApi(<MlEffectivePermissionsCard layout={bare} />, {});
    expect(
      await screen.findByText(
        'No permission checks were evaluated for these accounts.',
      ),
    ).toBeInTheDocument();
  });
});
