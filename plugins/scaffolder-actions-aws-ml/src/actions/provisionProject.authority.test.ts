import { createProvisionProjectAction } from './provisionProject';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';
import { testAuthority } from './__testUtils__/authority';
import { NotAllowedError } from '@backstage/errors';
import { mlops } from './__testUtils__/provisionProject';

describe("aws:ml:provisionProject asks the suite's record who may act", () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  describe("asks the suite's record who may act", () => {
    it('claims the project before any AWS call and records its accounts at the end', async () => {
      const { ctx, outputs } = createTestActionContext(mlops, {
        taskId: 'task-42',
      });
      await createProvisionProjectAction(env.deps).handler(ctx);
      const { calls, records } = env.authority;
      expect(calls.map(c => c.method)).toEqual(['claim', 'complete']);
      expect(calls[0].detail).toEqual({
        pattern: 'mlops',
        owner: 'group:default/team-risk',
        taskId: 'task-42',
        dryRun: false,
      });
      expect(records.get('credit-risk')?.accounts).toEqual(
        outputs.layout.accounts.map((a: any) => ({
          stage: a.stage,
          accountId: a.accountId,
        })),
      );
    });

    it("refuses another team's project with zero AWS calls", async () => {
      const refusing = await startActionsEnv(
        {},
        {},
        testAuthority({
          refuse: new Map([
            [
              'fraud-detection',
              new NotAllowedError(
                'user:default/guest may not provision ML project fraud-detection: it is owned by group:default/team-fraud',
              ),
            ],
          ]),
        }),
      );
      try {
        await expect(
          createProvisionProjectAction(refusing.deps).handler(
            createTestActionContext({ ...mlops, project: 'fraud-detection' })
              .ctx,
          ),
        ).rejects.toThrow(/owned by group:default\/team-fraud/);
        expect(refusing.mutatingCalls()).toEqual({});
        expect(refusing.emulator.callCounts()).toEqual({});
      } finally {
        await refusing.emulator.close();
      }
    });

    it("refuses a pattern other than the project's with zero mutating calls", async () => {
      const { ctx } = createTestActionContext(mlops);
      await createProvisionProjectAction(env.deps).handler(ctx);
      const before = env.mutatingCalls();
      await expect(
        createProvisionProjectAction(env.deps).handler(
          createTestActionContext({
            ...mlops,
            pattern: 'sandbox' as const,
            spendingLimitUsd: 100,
            alertEmail: 'risk@example.com',
          }).ctx,
        ),
      ).rejects.toThrow(/follows the mlops pattern, not sandbox/);
      expect(env.mutatingCalls()).toEqual(before);
    });

    it('lets go of the project when it fails, so a re-run can start', async () => {
      const { ctx } = createTestActionContext({
        ...mlops,
        accountEmailTemplate: 'aws+churn-prediction-{stage}@example.com',
      });
      await expect(
        createProvisionProjectAction(env.deps).handler(ctx),
      ).rejects.toThrow(/already belongs to account/);
      expect(env.authority.calls.map(c => c.method)).toEqual([
        'claim',
        'release',
      ]);
    });

    it('checks without holding in a dry run', async () => {
      const { ctx } = createTestActionContext(mlops, { isDryRun: true });
      await createProvisionProjectAction(env.deps).handler(ctx);
      expect(env.authority.calls).toEqual([
        expect.objectContaining({
          method: 'claim',
          detail: expect.objectContaining({ dryRun: true }),
        }),
      ]);
      expect(env.authority.records.has('credit-risk')).toBe(false);
    });
  });
});
