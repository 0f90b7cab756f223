import { NotAllowedError } from '@backstage/errors';
import { GuardrailAssessment } from '@mlgov/plugin-ml-environments-common';
import { createAssessGuardrailsAction } from './assessGuardrails';
import { examples } from './assessGuardrails.examples';
import { testAuthority } from './__testUtils__/authority';
import { startActionsEnv } from './__testUtils__/emulator';
import { runExample } from './__testUtils__/examples';
import { createTestActionContext } from './__testUtils__/testing';

// What the backend answers for the demo's churn-prediction, whose preprod
// OU lacks require-vpc (its own route tests judge the real snapshot).
const assessment: GuardrailAssessment = {
  project: 'churn-prediction',
  takenAt: '2026-12-07T12:00:00Z',
  accounts: [
    {
      accountId: '200000000011',
      stage: 'dev',
      ouPath: 'Workloads/Workloads_Dev',
      calls: [
        {
          check: 'deploy-endpoint',
          label: 'Deploy a model to a real-time endpoint',
          action: 'sagemaker:CreateEndpoint',
          decision: 'denied',
          expected: 'denied',
          asIntended: true,
          policy: 'mlgov-deny-sagemaker-hosting',
          statement: 'DenySageMakerRealtimeHosting',
          explanation: 'denied',
        },
      ],
    },
    {
      accountId: '200000000012',
      stage: 'preprod',
      ouPath: 'Workloads/Workloads_PreProd',
      calls: [
        {
          check: 'train-without-vpc',
          label: 'Train without VPC settings',
          action: 'sagemaker:CreateTrainingJob',
          decision: 'allowed',
          expected: 'denied',
          asIntended: false,
          expectedPolicy: 'mlgov-require-vpc',
          explanation: 'no SCP denies it',
        },
      ],
    },
  ],
};

const authority = () =>
  testAuthority({
    assessGuardrails: async () => assessment,
    refuse: new Map([['fraud-detection', new NotAllowedError('no')]]),
  });

describe('aws:ml:assessGuardrails', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;
  beforeEach(async () => {
    env = await startActionsEnv({}, {}, authority());
  });
  afterEach(() => env.emulator.close());

  it('logs each answer with its policy and statement, counts what is not intended, and changes nothing', async () => {
    const { ctx, outputs, logger } = createTestActionContext({
      project: 'churn-prediction',
    });
    await createAssessGuardrailsAction(env.deps).handler(ctx);
    expect(outputs.differences).toBe(1);
    expect(outputs.assessment).toEqual(assessment);
    expect(logger.info).toHaveBeenCalledWith(
      'dev (200000000011) in Workloads/Workloads_Dev: Deploy a model to a real-time endpoint (sagemaker:CreateEndpoint): denied by mlgov-deny-sagemaker-hosting statement DenySageMakerRealtimeHosting',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      "preprod (200000000012) in Workloads/Workloads_PreProd: Train without VPC settings (sagemaker:CreateTrainingJob): allowed — NOT as intended: the OU's guardrails mean it denied by mlgov-require-vpc",
    );
    expect(env.mutatingCalls()).toEqual({});
  });

  it('fails on a difference when asked to, and passes the backend’s refusal on', async () => {
    const action = createAssessGuardrailsAction(env.deps);
    await expect(
      action.handler(
        createTestActionContext({
          project: 'churn-prediction',
          failOnDifference: true,
        }).ctx,
      ),
    ).rejects.toThrow(
      /1 answer\(s\) of churn-prediction's guardrail assessment/,
    );
    await expect(
      action.handler(
        createTestActionContext({ project: 'fraud-detection' }).ctx,
      ),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      action.handler(createTestActionContext({ project: 'Bad Name' }).ctx),
    ).rejects.toThrow(/project/);
  });
});

describe('aws:ml:assessGuardrails examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      // The example fails on the demo's difference, as a CI check would.
      await expect(
        runExample(
          example,
          createAssessGuardrailsAction,
          () => undefined,
          authority(),
        ),
      ).rejects.toThrow(/not what the OUs' guardrails intend/);
    },
  );
});
