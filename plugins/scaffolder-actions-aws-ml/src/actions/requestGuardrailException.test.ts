import { InputError, NotAllowedError } from '@backstage/errors';
import { createRequestGuardrailExceptionAction } from './requestGuardrailException';
import { startActionsEnv } from './__testUtils__/emulator';
import { churnAuthority, testAuthority } from './__testUtils__/authority';
import { createTestActionContext } from './__testUtils__/testing';

const input = {
  project: 'churn-prediction',
  stage: 'dev' as const,
  guardrailId: 'deny-sagemaker-hosting',
  reason: 'One real-time endpoint for the board demo',
  endsAt: '2027-01-15',
};

describe('aws:ml:requestGuardrailException', () => {
  async function run(
    authority: ReturnType<typeof testAuthority>,
    change: object = {},
    isDryRun = false,
  ) {
    const env = await startActionsEnv({}, {}, authority);
    try {
      const action = createRequestGuardrailExceptionAction(env.deps);
      const { ctx, outputs } = createTestActionContext(
        { ...input, ...change },
        { isDryRun },
      );
      await action.handler(ctx);
      return { outputs, mutating: env.mutatingCalls() };
    } finally {
      await env.emulator.close();
    }
  }

  it("asks for the stage's account, and a re-run answers with the same request", async () => {
    const authority = churnAuthority();
    const first = await run(authority);
    expect(first.outputs).toEqual({
      exceptionId: authority.exceptions[0].id,
      state: 'pending',
      accountId: '200000000011',
    });
    const again = await run(authority);
    expect(again.outputs.exceptionId).toBe(first.outputs.exceptionId);
    expect(authority.exceptions).toHaveLength(1);
    expect(first.mutating).toEqual({});
  });

  it('asks nothing in a dry run', async () => {
    const authority = churnAuthority();
    const { outputs } = await run(authority, {}, true);
    expect(outputs.state).toBe('dry-run');
    expect(authority.calls.map(c => c.method)).not.toContain(
      'requestException',
    );
  });

  it('refuses a stage the project lacks, and a date that is none, before asking', async () => {
    const authority = churnAuthority();
    await expect(run(authority, { stage: 'preprod' })).rejects.toThrow(
      new InputError(
        'ML project churn-prediction has no preprod account (it has dev, prod); pick one of its stages',
      ),
    );
    await expect(run(authority, { endsAt: 'next week' })).rejects.toThrow(
      'endsAt next week is not a date',
    );
    expect(authority.exceptions).toEqual([]);
  });

  it("passes on the backend's refusal", async () => {
    const authority = testAuthority({
      refuse: new Map([
        [
          'churn-prediction',
          new NotAllowedError(
            'user:default/guest may not change ML project churn-prediction',
          ),
        ],
      ]),
    });
    await expect(run(authority)).rejects.toThrow(NotAllowedError);
    expect(authority.exceptions).toEqual([]);
  });
});
