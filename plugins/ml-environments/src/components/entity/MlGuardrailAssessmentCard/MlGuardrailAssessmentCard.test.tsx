import { fireEvent, screen, within } from '@testing-library/react';
import { GuardrailAssessment } from '@mlgov/plugin-ml-environments-common';
import { churnLayout } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { responseError } from '../../__testUtils__/responseError';
import { MlGuardrailAssessmentCard } from './MlGuardrailAssessmentCard';

const call = (
  check: string,
  label: string,
  rest: Partial<GuardrailAssessment['accounts'][number]['calls'][number]>,
) => ({
  check,
  label,
  action: 'sagemaker:CreateTrainingJob',
  decision: 'allowed' as const,
  expected: 'allowed' as const,
  asIntended: true,
  explanation: 'no SCP denies it',
  ...rest,
});

const assessment: GuardrailAssessment = {
  project: 'churn-prediction',
  takenAt: '2026-12-07T12:00:00Z',
  accounts: [
    {
      accountId: '200000000011',
      stage: 'dev',
      ouPath: 'Workloads/Workloads_Dev',
      calls: [
        call('deploy-endpoint', 'Deploy a model to a real-time endpoint', {
          action: 'sagemaker:CreateEndpoint',
          decision: 'denied',
          expected: 'denied',
          policy: 'mlgov-deny-sagemaker-hosting',
          statement: 'DenySageMakerRealtimeHosting',
        }),
      ],
    },
    {
      accountId: '200000000012',
      stage: 'preprod',
      ouPath: 'Workloads/Workloads_PreProd',
      calls: [
        call('train-without-vpc', 'Train without VPC settings', {
          expected: 'denied',
          asIntended: false,
          expectedPolicy: 'mlgov-require-vpc',
        }),
        call('studio-public', 'Create a public Studio domain', {
          action: 'sagemaker:CreateDomain',
          decision: 'unknown',
          expected: 'denied',
          // As -common's assessAccount answers an undecided call.
          asIntended: false,
          expectedPolicy: 'mlgov-studio-vpc-only',
          explanation:
            "Not as intended: the suite cannot tell whether the account's SCPs deny it as its OU's guardrails mean them to, so check it by hand (sagemaker:CreateDomain is unknown: it depends on aws:SourceIp, because the caller is not known)",
        }),
      ],
    },
  ],
};

describe('MlGuardrailAssessmentCard', () => {
  it("shows each account's calls with the deciding policy and statement, and where the SCPs are not what is intended", async () => {
    const api = await renderWithApi(
      <MlGuardrailAssessmentCard layout={churnLayout} />,
      { assessGuardrails: jest.fn(async () => assessment) },
    );
    expect(
      await screen.findByText('dev: as intended · preprod: 2 not as intended'),
    ).toBeInTheDocument();
    expect(api.assessGuardrails).toHaveBeenCalledWith('churn-prediction');
    const dev = screen.getByRole('table', {
      name: 'Guardrail assessment of dev (200000000011)',
    });
    const row = within(dev).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Deploy a model to a real-time endpoint');
    expect(row).toHaveTextContent('Denied');
    expect(row).toHaveTextContent(
      'mlgov-deny-sagemaker-hostingstatement DenySageMakerRealtimeHosting',
    );
    expect(row).toHaveTextContent('As intended');

    fireEvent.change(screen.getByLabelText('Account'), {
      target: { value: '200000000012' },
    });
    const preprod = screen.getByRole('table', {
      name: 'Guardrail assessment of preprod (200000000012)',
    });
    const [, noVpc, studio] = within(preprod).getAllByRole('row');
    expect(noVpc).toHaveTextContent('Allowed');
    expect(noVpc).toHaveTextContent(
      'Should be denied by mlgov-require-vpc: attach it to the account',
    );
    expect(studio).toHaveTextContent('Unknown');
    expect(studio).toHaveTextContent('because the caller is not known');
    // Undecided is no guardrail to attach: the card says to check by hand.
    expect(studio).toHaveTextContent(
      'Cannot be shown denied: the suite cannot decide this call from the SCPs; check it by hand',
    );
    expect(studio).not.toHaveTextContent('attach it');
  });

  it('says why when the backend refuses (403)', async () => {
    const refusal = await responseError(403, 'NotAllowedError', 'no');
    await renderWithApi(<MlGuardrailAssessmentCard layout={churnLayout} />, {
      assessGuardrails: jest.fn(async () => {
        throw refusal;
      }),
    });
    expect(
      await screen.findByText(/You may not read this project/),
    ).toBeInTheDocument();
  });

  it('names an account that the snapshot does not have yet instead of its table', async () => {
    await renderWithApi(<MlGuardrailAssessmentCard layout={churnLayout} />, {
      assessGuardrails: jest.fn(async () => ({
        ...assessment,
        accounts: [
          {
            accountId: '200000000099',
            stage: 'dev',
            problem:
              'Account 200000000099 is not in the organization snapshot yet',
            calls: [],
          },
        ],
      })),
    });
    expect(
      await screen.findByText(/not in the organization snapshot yet/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});

describe('MlGuardrailAssessmentCard accessibility', () => {
  it('has no serious or critical axe-core violation', async () => {
    await renderWithApi(<MlGuardrailAssessmentCard layout={churnLayout} />, {
      assessGuardrails: jest.fn(async () => assessment),
    });
    await screen.findByRole('table');
    // The workspace's axe-core (the browser checks' own), run in jsdom;
    // colour contrast needs layout, which the browser checks cover.
    // eslint-disable-next-line @backstage/no-undeclared-imports -- the root devDependency of the browser checks in packages/e2e
    const axe = (await import('axe-core')).default;
    const { violations } = await axe.run(document.body, {
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(
      violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id}: ${v.nodes.map(n => n.html).join(', ')}`),
    ).toEqual([]);
  });
});
