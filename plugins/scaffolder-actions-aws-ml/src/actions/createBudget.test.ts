import { createCreateBudgetAction } from './createBudget';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';
import { testAuthority } from './__testUtils__/authority';
import { NotAllowedError } from '@backstage/errors';

describe('aws:budgets:createBudget', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  const input = {
    accountId: '230000000001',
    name: 'vision-lab-spending-limit',
    limitUsd: 500,
    alertEmail: 'vision-lab@example.com',
  };

  it('creates the budget in the account with an 80% alert, once', async () => {
    const action = createCreateBudgetAction(env.deps);
    await action.handler(createTestActionContext(input).ctx);
    const budget = env.emulator.state.budgets.get(
      '230000000001/vision-lab-spending-limit',
    );
    expect(budget?.budget).toMatchObject({
      BudgetLimit: { Amount: '500', Unit: 'USD' },
      TimeUnit: 'MONTHLY',
    });
    expect(budget?.notifications).toEqual([
      expect.objectContaining({
        Notification: expect.objectContaining({ Threshold: 80 }),
        Subscribers: [
          { SubscriptionType: 'EMAIL', Address: 'vision-lab@example.com' },
        ],
      }),
    ]);
    await action.handler(createTestActionContext(input).ctx);
    expect(env.mutatingCalls()).toEqual({ 'budgets:CreateBudget': 1 });
  });

  it('refuses an account of a project the user may not change, before any mutation', async () => {
    const refusing = await startActionsEnv(
      {},
      {},
      testAuthority({
        refuse: new Map([
          [
            'vision-lab',
            new NotAllowedError('only members of its owner group'),
          ],
        ]),
      }),
    );
    try {
      await expect(
        createCreateBudgetAction(refusing.deps).handler(
          createTestActionContext(input).ctx,
        ),
      ).rejects.toThrow('only members of its owner group');
      expect(refusing.authority.calls).toEqual([
        { method: 'check', project: 'vision-lab' },
      ]);
      expect(refusing.mutatingCalls()).toEqual({});
    } finally {
      await refusing.emulator.close();
    }
  });

  it('refuses a bad alert email without calling AWS', async () => {
    await expect(
      createCreateBudgetAction(env.deps).handler(
        createTestActionContext({ ...input, alertEmail: 'nobody' }).ctx,
      ),
    ).rejects.toThrow("Alert email 'nobody' is not one AWS accepts");
    expect(env.emulator.callCounts()).toEqual({});
  });
});
