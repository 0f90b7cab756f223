import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostAndUsageCommandInput,
} from '@aws-sdk/client-cost-explorer';
import { isoDay } from './services/costexplorer/costs.ts';
import { clientConfig, errorOf } from './__testUtils__/emulator.ts';
import {
  MEMBER_KEY,
  demoEmulatorForFile,
  memberCostBudget,
} from './__testUtils__/demo.ts';

const env = demoEmulatorForFile();

const DEV = '200000000011';
const FRAUD = '210000000011';
const management = () => new CostExplorerClient(clientConfig(env.emulator));
const member = () =>
  new CostExplorerClient(clientConfig(env.emulator, MEMBER_KEY));

// The month so far, today included: the range Budgets' spend covers.
const now = new Date();
const monthStart = `${isoDay(now).slice(0, 8)}01`;
const tomorrow = isoDay(new Date(now.getTime() + 86_400_000));

function byAccount(
  granularity: 'DAILY' | 'MONTHLY',
  accounts: string[],
): GetCostAndUsageCommandInput {
  return {
    TimePeriod: { Start: monthStart, End: tomorrow },
    Granularity: granularity,
    Metrics: ['UnblendedCost'],
    GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
    Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: accounts } },
  };
}

const amountOf = (result: any, accountId: string) =>
  Number(
    result.Groups?.find((g: any) => g.Keys?.[0] === accountId)?.Metrics
      ?.UnblendedCost?.Amount ?? 0,
  );

describe('Cost Explorer GetCostAndUsage', () => {
  it('answers each filtered account daily, summing to its monthly figure', async () => {
    const daily = await management().send(
      new GetCostAndUsageCommand(byAccount('DAILY', [DEV, FRAUD])),
    );
    const monthly = await management().send(
      new GetCostAndUsageCommand(byAccount('MONTHLY', [DEV, FRAUD])),
    );
    expect(daily.ResultsByTime).toHaveLength(Number(isoDay(now).slice(8)));
    expect(monthly.ResultsByTime).toHaveLength(1);
    for (const id of [DEV, FRAUD]) {
      const days = daily.ResultsByTime!.map(r => amountOf(r, id));
      // Plausible: between 5 x 0.6 x 0.7 and 60 x 1.3 USD a day.
      for (const day of days) {
        expect(day).toBeGreaterThanOrEqual(2.1);
        expect(day).toBeLessThanOrEqual(78);
      }
      const sum = days.reduce((a, b) => a + b, 0);
      expect(amountOf(monthly.ResultsByTime![0], id)).toBeCloseTo(sum, 2);
    }
    const keys = daily.ResultsByTime![0].Groups!.map(g => g.Keys![0]);
    expect(keys.sort()).toEqual([DEV, FRAUD]);
  });

  it('answers the same figures every time (seeded, not random)', async () => {
    const first = await management().send(
      new GetCostAndUsageCommand(byAccount('DAILY', [DEV])),
    );
    const second = await management().send(
      new GetCostAndUsageCommand(byAccount('DAILY', [DEV])),
    );
    expect(second.ResultsByTime).toEqual(first.ResultsByTime);
  });

  it('shows a member account only its own costs', async () => {
    const answer = await member().send(
      new GetCostAndUsageCommand(byAccount('MONTHLY', [DEV, FRAUD])),
    );
    const keys = answer.ResultsByTime![0].Groups!.map(g => g.Keys![0]);
    expect(keys).toEqual([DEV]);
  });

  it('refuses a granularity or metric it does not serve, saying what to use', async () => {
    const hourly = await errorOf(
      management().send(
        new GetCostAndUsageCommand({
          ...byAccount('DAILY', [DEV]),
          Granularity: 'HOURLY',
        }),
      ),
    );
    expect(hourly.name).toBe('ValidationException');
    expect(hourly.message).toMatch(/DAILY or MONTHLY/);
    const reversed = await errorOf(
      management().send(
        new GetCostAndUsageCommand({
          ...byAccount('DAILY', [DEV]),
          TimePeriod: { Start: tomorrow, End: monthStart },
        }),
      ),
    );
    expect(reversed.name).toBe('ValidationException');
  });
});

describe("Budgets' spend", () => {
  it("is the account's month-to-date cost in Cost Explorer", async () => {
    const Budget = await memberCostBudget(
      env.emulator,
      DEV,
      'cost-test',
      'MONTHLY',
      '500',
    );
    const monthly = await management().send(
      new GetCostAndUsageCommand(byAccount('MONTHLY', [DEV])),
    );
    const actual = Number(Budget?.CalculatedSpend?.ActualSpend?.Amount);
    expect(actual).toBeCloseTo(amountOf(monthly.ResultsByTime![0], DEV), 2);
    expect(actual).toBeGreaterThan(0);
    expect(
      Number(Budget?.CalculatedSpend?.ForecastedSpend?.Amount),
    ).toBeGreaterThanOrEqual(actual);
  });
});

describe('Cost Explorer by tag', () => {
  const SHARED = '100000000010';
  const byTag = (key: string, filter?: any): GetCostAndUsageCommandInput => ({
    TimePeriod: { Start: monthStart, End: tomorrow },
    Granularity: 'MONTHLY',
    Metrics: ['UnblendedCost'],
    GroupBy: [{ Type: 'TAG', Key: key }],
    Filter: filter ?? {
      Dimensions: { Key: 'LINKED_ACCOUNT', Values: [SHARED] },
    },
  });
  const groups = (answer: any) =>
    Object.fromEntries(
      answer.ResultsByTime[0].Groups.map((g: any) => [
        g.Keys[0],
        Number(g.Metrics.UnblendedCost.Amount),
      ]),
    );

  it("splits a shared account's cost by its resources' project tags, untagged apart", async () => {
    const tagged = groups(
      await management().send(new GetCostAndUsageCommand(byTag('ml-project'))),
    );
    // The model registries of churn-prediction and fraud-detection.
    expect(Object.keys(tagged).sort()).toEqual([
      'ml-project$',
      'ml-project$churn-prediction',
      'ml-project$fraud-detection',
    ]);
    const whole = await management().send(
      new GetCostAndUsageCommand(byAccount('MONTHLY', [SHARED])),
    );
    const sum = Object.values(tagged).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(amountOf(whole.ResultsByTime![0], SHARED), 2);
    const byCostCenter = groups(
      await management().send(new GetCostAndUsageCommand(byTag('cost-center'))),
    );
    expect(byCostCenter['cost-center$CC-1001']).toBeCloseTo(
      tagged['ml-project$churn-prediction'],
      2,
    );
  });

  it('filters by a tag value together with accounts, grouped by account', async () => {
    const answer = await management().send(
      new GetCostAndUsageCommand({
        ...byAccount('MONTHLY', []),
        Filter: {
          And: [
            { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [SHARED, DEV] } },
            { Tags: { Key: 'ml-project', Values: ['churn-prediction'] } },
          ],
        },
      }),
    );
    const tagged = groups(
      await management().send(new GetCostAndUsageCommand(byTag('ml-project'))),
    );
    const keys = answer.ResultsByTime![0].Groups!.map(g => g.Keys![0]).sort();
    // The registry in the shared account, the Studio domain in dev.
    expect(keys).toEqual([SHARED, DEV]);
    expect(amountOf(answer.ResultsByTime![0], SHARED)).toBeCloseTo(
      tagged['ml-project$churn-prediction'],
      2,
    );
  });

  it('refuses a filter or grouping it does not serve, saying what is served', async () => {
    const service = await errorOf(
      management().send(
        new GetCostAndUsageCommand(
          byTag('ml-project', {
            Dimensions: { Key: 'SERVICE', Values: ['Amazon SageMaker'] },
          }),
        ),
      ),
    );
    expect(service.name).toBe('ValidationException');
    expect(service.message).toMatch(/filters only on .*LINKED_ACCOUNT.*Tags/);
    const absent = await errorOf(
      management().send(
        new GetCostAndUsageCommand(
          byTag('ml-project', {
            Tags: { Key: 'ml-project', Values: [], MatchOptions: ['ABSENT'] },
          }),
        ),
      ),
    );
    expect(absent.name).toBe('ValidationException');
    const category = await errorOf(
      management().send(
        new GetCostAndUsageCommand({
          ...byTag('ml-project'),
          GroupBy: [{ Type: 'COST_CATEGORY', Key: 'team' }],
        }),
      ),
    );
    expect(category.message).toMatch(/GroupBy may only hold/);
  });
});

describe('POST /_emulator/usage', () => {
  const post = (body: unknown) =>
    fetch(`${env.emulator.url}/_emulator/usage`, {
      method: 'POST',
      body: JSON.stringify(body),
    });

  it("bills today's usage with its tags: Cost Explorer and Budgets move with it", async () => {
    const PREPROD = '200000000012';
    const before = await management().send(
      new GetCostAndUsageCommand(byAccount('MONTHLY', [PREPROD])),
    );
    const answer = await post({
      accountId: PREPROD,
      amount: 123.45,
      tags: { 'ml-project': 'churn-prediction' },
    });
    expect(answer.status).toBe(200);
    const after = await management().send(
      new GetCostAndUsageCommand(byAccount('MONTHLY', [PREPROD])),
    );
    expect(
      amountOf(after.ResultsByTime![0], PREPROD) -
        amountOf(before.ResultsByTime![0], PREPROD),
    ).toBeCloseTo(123.45, 2);
  });

  it('refuses an unknown account or a bad amount, billing nothing', async () => {
    const unknown = await post({ accountId: '999999999999', amount: 5 });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).message).toMatch(/999999999999/);
    const negative = await post({ accountId: DEV, amount: -5 });
    expect(negative.status).toBe(400);
    expect((await negative.json()).message).toMatch(/amount must be/);
    expect(
      env.emulator.state.usageCharges.filter(c => c.accountId === DEV),
    ).toEqual([]);
  });
});
