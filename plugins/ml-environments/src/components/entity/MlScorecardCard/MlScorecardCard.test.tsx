import { screen, within } from '@testing-library/react';
import { MlScorecardApi, mlScorecardApiRef } from '../../../api';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { MlScorecardCard } from './MlScorecardCard';

const render = (runChecks: MlScorecardApi['runChecks']) => {
  const api: MlScorecardApi = {
    runChecks: jest.fn(runChecks),
    runChecksForEntities: jest.fn(),
  };
  return renderWithApi(
    <MlScorecardCard entityRef="system:default/churn-prediction" />,
    {},
    undefined,
    'allow',
    [[mlScorecardApiRef, api]],
  ).then(() => api);
};

describe('MlScorecardCard', () => {
  it('lists the failing checks first with what to do, then those passing', async () => {
    const api = await render(async () => [
      {
        checkId: 'mlProductsCurrent',
        name: 'Products up to date',
        description: 'Every product runs the current version',
        passed: true,
      },
      {
        checkId: 'mlGuardrailsInPlace',
        name: 'Guardrails in place',
        description: 'Every guardrail is there',
        passed: false,
        remediation: 'The platform team re-applies the baseline',
      },
    ]);
    expect(await screen.findByText('1 of 2 checks pass')).toBeInTheDocument();
    expect(api.runChecks).toHaveBeenCalledWith(
      'system:default/churn-prediction',
    );
    const items = within(
      screen.getByRole('list', { name: 'Scorecard checks' }),
    ).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Guardrails in place');
    expect(within(items[0]).getByTitle('Failed')).toBeInTheDocument();
    expect(items[0]).toHaveTextContent(
      'To fix: The platform team re-applies the baseline',
    );
    expect(within(items[1]).getByTitle('Passed')).toBeInTheDocument();
    expect(items[1]).not.toHaveTextContent('To fix');
  });

  it('says clearly when Tech Insights is not installed', async () => {
    await render(async () => undefined);
    expect(
      await screen.findByText(
        /Tech Insights is not installed in this Backstage/,
      ),
    ).toBeInTheDocument();
  });

  it('says when there are no facts yet', async () => {
    await render(async () => []);
    expect(await screen.findByText(/No scorecard yet/)).toBeInTheDocument();
  });

  it('says what failed when the checks cannot run', async () => {
    await render(async () => {
      throw new Error('Tech Insights answered 500');
    });
    expect(
      await screen.findByText(/Running the scorecard's checks failed/),
    ).toHaveTextContent('Tech Insights answered 500');
  });
});
