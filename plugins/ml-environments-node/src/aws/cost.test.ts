import { ConfigReader } from '@backstage/config';
import { CreateBudgetCommand } from '@aws-sdk/client-budgets';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import { resolve } from 'node:path';
import { MlAwsClients } from '../clients';
import { readBudgetSpend, readMonthToDateCost } from './cost';

const DEV = '200000000011';
const PREPROD = '200000000012';
const SANDBOX = '230000000001';

describe('project cost', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let clients: MlAwsClients;

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
    });
    clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
  });
  afterAll(() => emulator.close());

  it('reads the month so far per account and per day, the day sums equal to the total', async () => {
    const now = new Date();
    const cost = await readMonthToDateCost(
      await clients.costExplorer(),
      [DEV, PREPROD],
      now,
    );
    expect(cost.currency).toBe('USD');
    expect(cost.byAccount.map(a => a.accountId)).toEqual([DEV, PREPROD]);
    expect(cost.byAccount.every(a => a.amount > 0)).toBe(true);
    expect(cost.daily).toHaveLength(now.getUTCDate());
    expect(cost.daily[0].date).toMatch(/-01$/);
    const days = cost.daily.reduce((sum, d) => sum + d.amount, 0);
    expect(days).toBeCloseTo(cost.total, 1);
  });

  it('asks nothing for no accounts', async () => {
    const cost = await readMonthToDateCost(
      await clients.costExplorer(),
      [],
      new Date(),
    );
    expect(cost).toEqual({
      currency: 'USD',
      total: 0,
      byAccount: [],
      daily: [],
    });
  });

  it("reads a budget's limit, its spend (the account's month so far) and forecast", async () => {
    const { budgets } = await clients.forAccount(SANDBOX);
    expect(
      await readBudgetSpend(budgets, SANDBOX, 'vision-lab-spending-limit'),
    ).toBeUndefined();
    await budgets.send(
      new CreateBudgetCommand({
        AccountId: SANDBOX,
        Budget: {
          BudgetName: 'vision-lab-spending-limit',
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: '750', Unit: 'USD' },
        },
      }),
    );
    const spend = await readBudgetSpend(
      budgets,
      SANDBOX,
      'vision-lab-spending-limit',
    );
    const cost = await readMonthToDateCost(
      await clients.costExplorer(),
      [SANDBOX],
      new Date(),
    );
    expect(spend?.limit).toBe(750);
    expect(spend?.actual).toBeCloseTo(cost.total, 2);
    expect(spend?.forecast).toBeGreaterThanOrEqual(spend!.actual);
  });
});
