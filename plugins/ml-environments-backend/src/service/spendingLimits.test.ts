import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { suiteConfigFor } from '@mlgov/aws-emulator';
import {
  MlAwsClients,
  ensureBudget,
  readBudgetSpend,
  readMonthToDateCost,
} from '@mlgov/plugin-ml-environments-node';
import {
  GUEST,
  asUser,
  demoBackend,
  membersOf,
  recordedNotifications,
} from './__testUtils__/demoBackend';
import { refreshOrThrow } from './__testUtils__/refresh';

const SANDBOX = '240000000001';
const BUDGET = 'nlp-playground-spending-limit';
const TASK = 'ml-environments-spending-limits';

describe('spending-limit notifications, end to end on the emulator', () => {
  const { startBackend, emulator } = demoBackend();

  it("tells the sandbox's owner group once at 80 % and once at 100 %, never again that month", async () => {
    const { sent, factory: notifications } = recordedNotifications();
    // The mock scheduler runs a task when the test says, not on a clock.
    const scheduler = mockServices.scheduler() as ReturnType<
      typeof mockServices.scheduler
    > & { factory: typeof mockServices.scheduler.factory };
    const { server } = await startBackend([
      membersOf({ [GUEST]: ['group:default/team-churn'] }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      notifications,
    ]);
    await refreshOrThrow(server, asUser(GUEST));
    const clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator().url)),
    );
    const { budgets } = await clients.forAccount(SANDBOX);
    const spend = () => readBudgetSpend(budgets, SANDBOX, BUDGET);
    const bill = async (amount: number) => {
      const res = await fetch(`${emulator().url}/_emulator/usage`, {
        method: 'POST',
        body: JSON.stringify({ accountId: SANDBOX, amount }),
      });
      expect(res.status).toBe(200);
    };
    const spendingNotices = () =>
      sent.filter(n => n.payload.topic === 'ml-environments-spending-limit');

    // A limit twice what the sandbox spent so far (Budgets' figures are Cost Explorer's): half used.
    const { total } = await readMonthToDateCost(
      await clients.costExplorer(),
      [SANDBOX],
      new Date(),
    );
    const limit = Math.ceil(total * 2);
    await ensureBudget(
      budgets,
      {
        accountId: SANDBOX,
        name: BUDGET,
        limitUsd: limit,
        alertEmail: 'team-churn@example.com',
        thresholdPercent: 80,
      },
      {
        logger: mockServices.logger.mock(),
        isDryRun: false,
        checkpoint: (_key: string, fn: () => Promise<unknown>) => fn(),
        pollIntervalMs: 0,
        timeoutMs: 1000,
      } as any,
    );
    await scheduler.triggerTask(TASK);
    expect(spendingNotices()).toEqual([]);

    // A training job moves the spend past 80 %.
    await bill(limit * 0.85 - (await spend())!.actual);
    expect(((await spend())!.actual / limit) * 100).toBeGreaterThan(80);
    await scheduler.triggerTask(TASK);
    expect(spendingNotices()).toHaveLength(1);
    const [notice] = spendingNotices();
    expect(notice.recipients).toEqual({
      type: 'entity',
      entityRef: 'group:default/team-churn',
    });
    expect(notice.payload.title).toBe(
      'nlp-playground has used 80 % of its spending limit',
    );
    expect(notice.payload.description).toContain(SANDBOX);
    expect(notice.payload.link).toBe(
      '/catalog/default/system/nlp-playground/ml-environment',
    );

    // Read again (another replica, the next hour): nothing new to tell.
    await scheduler.triggerTask(TASK);
    expect(spendingNotices()).toHaveLength(1);

    // Past the limit: told once more, as urgent.
    await bill(limit * 0.2);
    await scheduler.triggerTask(TASK);
    await scheduler.triggerTask(TASK);
    expect(spendingNotices()).toHaveLength(2);
    expect(spendingNotices()[1].payload).toMatchObject({
      title: 'nlp-playground has used all of its spending limit',
      severity: 'high',
    });
  });
});
