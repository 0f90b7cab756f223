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
      /^churn-prediction's guardrail check fails: 1 answer\(s\) of churn-prediction's guardrail assessment/,
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

// What the backend answers when it could not assess (the security
// review's probe): a CI check must fail on each, never pass on nothing.
describe('aws:ml:assessGuardrails as a CI check, where nothing could be assessed', () => {
  const dev = assessment.accounts[0];
  const run = async (answer: GuardrailAssessment, failOnDifference = true) => {
    const env = await startActionsEnv(
      {},
      {},
      testAuthority({ assessGuardrails: async () => answer }),
    );
    try {
      const { ctx, outputs } = createTestActionContext({
        project: 'churn-prediction',
        failOnDifference,
      });
      const error = await createAssessGuardrailsAction(env.deps)
        .handler(ctx)
        .then(
          () => undefined,
          (e: Error) => e.message,
        );
      return { error, outputs, mutating: env.mutatingCalls() };
    } finally {
      await env.emulator.close();
    }
  };

  it('fails on an account the snapshot lacks, naming it', async () => {
    const { error, outputs, mutating } = await run({
      ...assessment,
      accounts: [
        {
          accountId: '200000000011',
          stage: 'dev',
          problem:
            'Account 200000000011 is not in the organization snapshot yet',
          calls: [],
        },
      ],
    });
    expect(error).toBe(
      "churn-prediction's guardrail check fails: dev (200000000011) was not assessed: Account 200000000011 is not in the organization snapshot yet",
    );
    expect(outputs).toMatchObject({ differences: 0, unassessed: 1 });
    expect(mutating).toEqual({});
  });

  it('fails on an undecided answer, even where the intended one is undecided too', async () => {
    const undecided = {
      ...dev.calls[0],
      decision: 'unknown' as const,
      expected: 'unknown' as const,
      asIntended: false,
      explanation: 'it depends on aws:SourceIp',
    };
    const { error } = await run({
      ...assessment,
      accounts: [{ ...dev, calls: [undecided] }],
    });
    expect(error).toBe(
      "churn-prediction's guardrail check fails: dev (200000000011) in Workloads/Workloads_Dev: Deploy a model to a real-time endpoint (sagemaker:CreateEndpoint) could not be decided",
    );
    // Even were it marked as intended, an undecided answer fails the check.
    const marked = await run({
      ...assessment,
      accounts: [{ ...dev, calls: [{ ...undecided, asIntended: true }] }],
    });
    expect(marked.error).toMatch(/could not be decided$/);
  });

  it('fails on a project without accounts', async () => {
    const { error, outputs } = await run({ ...assessment, accounts: [] });
    expect(error).toBe(
      "churn-prediction's guardrail check fails: churn-prediction has no accounts on record, so nothing was assessed; provision its accounts first",
    );
    expect(outputs).toMatchObject({ differences: 0, unassessed: 1 });
  });

  it('passes when every answer was assessed and is as intended, and only reports otherwise', async () => {
    expect(
      (await run({ ...assessment, accounts: [dev] })).error,
    ).toBeUndefined();
    const reported = await run({ ...assessment, accounts: [] }, false);
    expect(reported.error).toBeUndefined();
    expect(reported.outputs.unassessed).toBe(1);
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
