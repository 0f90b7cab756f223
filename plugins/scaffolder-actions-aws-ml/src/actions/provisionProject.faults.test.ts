import type { RunningEmulator } from '@mlgov/aws-emulator';
import { createProvisionProjectAction } from './provisionProject';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';
import { reportAccountPlacement } from '@mlgov/plugin-ml-environments-node';
import { inputsFor, layoutOf, mlops } from './__testUtils__/provisionProject';

describe('aws:ml:provisionProject under faults', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  describe('under faults', () => {
    let expected: ReturnType<typeof layoutOf>;
    let calmCalls: number;
    const totalCalls = (emulator: RunningEmulator) =>
      Object.values(emulator.callCounts()).reduce((a, b) => a + b, 0);

    beforeAll(async () => {
      const clean = await startActionsEnv();
      await createProvisionProjectAction(clean.deps).handler(
        createTestActionContext(mlops).ctx,
      );
      expected = layoutOf(clean.emulator);
      calmCalls = totalCalls(clean.emulator);
      await clean.emulator.close();
    });

    /** Account ids differ between runs, so layouts are compared by names and places. */
    const sameLayout = (emulator: RunningEmulator) => {
      const got = layoutOf(emulator);
      expect(got.accounts).toEqual(expected.accounts);
      expect(got.attachments).toEqual(expected.attachments);
      expect(got.controls).toEqual(expected.controls);
      expect(got.provisioned.length).toBe(expected.provisioned.length);
    };

    it('completes in one run when AWS answers conflicts, retried by the SDK strategy', async () => {
      const faulty = await startActionsEnv(
        {
          config: {
            faults: {
              rate: 0.3,
              errors: ['ConcurrentModificationException'],
              operations: [],
              seed: 7,
            },
          },
        },
        { maxAttempts: 10 },
      );
      try {
        const { ctx } = createTestActionContext(mlops);
        const warn = jest.spyOn(ctx.logger, 'warn');
        await createProvisionProjectAction(faulty.deps).handler(ctx);
        sameLayout(faulty.emulator);
        // Each retry is in the task's log, with AWS's reason.
        expect(warn).toHaveBeenCalledWith(
          expect.stringMatching(
            /^AWS call retried \(attempt \d+\): ConcurrentModificationException: /,
          ),
        );
        // The faults were there: a quarter more calls than a calm run makes.
        expect(totalCalls(faulty.emulator)).toBeGreaterThan(calmCalls * 1.25);
      } finally {
        await faulty.emulator.close();
      }
    });

    it.each(['sandbox', 'dev', 'mlops'] as const)(
      'adopts what a lost answer made instead of duplicating it (%s pattern)',
      async pattern => {
        const inputs = inputsFor(pattern);
        const calm = await startActionsEnv();
        await createProvisionProjectAction(calm.deps).handler(
          createTestActionContext(inputs).ctx,
        );
        const clean = layoutOf(calm.emulator);
        await calm.emulator.close();

        const lossy = await startActionsEnv(
          { config: { faults: { lostAnswerRate: 0.5, seed: 3 } } },
          { maxAttempts: 10 },
        );
        try {
          await createProvisionProjectAction(lossy.deps).handler(
            createTestActionContext(inputs).ctx,
          );
          const got = layoutOf(lossy.emulator);
          expect(got.accounts).toEqual(clean.accounts);
          expect(got.attachments).toEqual(clean.attachments);
          expect(got.controls).toEqual(clean.controls);
          expect(got.budgets).toEqual(
            clean.budgets.map(b => expect.stringMatching(b.split('/')[1])),
          );
          expect(got.counts).toEqual(clean.counts);
        } finally {
          await lossy.emulator.close();
        }
      },
    );

    it('reports where each account is when a run stops part-way, moving the ones left in the Root', async () => {
      // AWS keeps refusing MoveAccount: the accounts are made, then stay in the Root.
      const stuck = await startActionsEnv(
        {
          config: {
            faults: {
              rate: 1,
              errors: ['TooManyRequestsException'],
              operations: ['organizations:MoveAccount'],
            },
          },
        },
        { maxAttempts: 2 },
      );
      try {
        const action = createProvisionProjectAction(stuck.deps);
        const first = createTestActionContext(mlops);
        const warn = jest.spyOn(first.ctx.logger, 'warn');
        await expect(action.handler(first.ctx)).rejects.toThrow(/MoveAccount/);
        const report = warn.mock.calls
          .map(([message]) => String(message))
          .find(message => message.startsWith('The run stopped part-way'));
        expect(report).toMatch(
          /- credit-risk-dev \(aws\+credit-risk-dev@example.com\): \d{12}, in the Root; moving it into Workloads\/Workloads_Dev failed \(/,
        );
        expect(report).toMatch(
          /- credit-risk-prod \(aws\+credit-risk-prod@example.com\): \d{12}, in the Root; moving it into Workloads\/Workloads_Prod failed \(/,
        );

        // Once AWS moves accounts again, a stopped run's report moves them.
        stuck.emulator.config.faults.rate = 0;
        const dev = [...stuck.emulator.state.accounts.values()].find(
          a => a.name === 'credit-risk-dev',
        )!;
        const lines = await reportAccountPlacement(
          await stuck.deps.clients.organizations(),
          [
            {
              name: 'credit-risk-dev',
              email: dev.email,
              ouPath: 'Workloads/Workloads_Dev',
            },
          ],
        );
        expect(lines).toEqual([
          `credit-risk-dev (${dev.email}): ${dev.id}, moved from the Root into Workloads/Workloads_Dev`,
        ]);
        expect(stuck.emulator.state.ous.get(dev.parentId)?.name).toBe(
          'Workloads_Dev',
        );
      } finally {
        await stuck.emulator.close();
      }
    });

    it('stops at a failed CreateAccount with its reason, and completes once the cause is gone', async () => {
      const failing = await startActionsEnv({
        config: {
          faults: {
            createAccountFailures: [
              {
                emailPattern: 'credit-risk-preprod',
                reason: 'INTERNAL_FAILURE',
              },
            ],
          },
        },
      });
      try {
        const action = createProvisionProjectAction(failing.deps);
        await expect(
          action.handler(createTestActionContext(mlops).ctx),
        ).rejects.toThrow(
          'Creating account credit-risk-preprod (aws+credit-risk-preprod@example.com) failed with INTERNAL_FAILURE: AWS failed internally; run the template again later',
        );
        failing.emulator.config.faults.createAccountFailures = [];
        await action.handler(createTestActionContext(mlops).ctx);
        sameLayout(failing.emulator);
        // dev once, preprod twice (the failed try and the retry), prod and automation once.
        expect(failing.mutatingCalls()['organizations:CreateAccount']).toBe(5);
      } finally {
        await failing.emulator.close();
      }
    });

    it('stays within AWS-like throttling through the SDK’s adaptive retry', async () => {
      // As many attempts as a production setting would allow, for the SDK to slow down.
      const throttled = await startActionsEnv(
        {
          config: {
            throttling: {
              enabled: true,
              rules: {
                'organizations:List*': { ratePerSecond: 200, burst: 10 },
              },
            },
          },
        },
        { maxAttempts: 10 },
      );
      try {
        const { ctx, outputs } = createTestActionContext(mlops);
        await createProvisionProjectAction(throttled.deps).handler(ctx);
        expect(outputs.layout.accounts).toHaveLength(4);
        sameLayout(throttled.emulator);
      } finally {
        await throttled.emulator.close();
      }
    });
  });
});
