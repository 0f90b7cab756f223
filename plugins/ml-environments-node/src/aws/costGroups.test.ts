import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import { resolve } from 'node:path';
import { MlAwsClients } from '../clients';
import { readMonthToDateCost } from './cost';
import {
  readMonthToDateCostByAccount,
  readMonthToDateCostByTag,
} from './costGroups';

const DEV = '200000000011';
const SANDBOX = '230000000001';
const SHARED = '100000000010';

describe('cost in groups', () => {
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

  it("reads every account's month so far in one request, as the per-project read does", async () => {
    const now = new Date();
    const before = emulator.callCounts()['ce:GetCostAndUsage'] ?? 0;
    const all = await readMonthToDateCostByAccount(
      await clients.costExplorer(),
      now,
    );
    expect(emulator.callCounts()['ce:GetCostAndUsage']).toBe(before + 1);
    expect(all.amounts.size).toBeGreaterThan(10);
    const project = await readMonthToDateCost(
      await clients.costExplorer(),
      [DEV, SANDBOX],
      now,
    );
    for (const { accountId, amount } of project.byAccount) {
      expect(all.amounts.get(accountId)).toBeCloseTo(amount, 2);
    }
  });

  it("tells a shared account's cost apart by project and cost center", async () => {
    const now = new Date();
    const ce = await clients.costExplorer();
    const byProject = await readMonthToDateCostByTag(
      ce,
      { accountIds: [SHARED], tagKey: 'ml-project' },
      now,
    );
    expect([...byProject.amounts.keys()].sort()).toEqual([
      '',
      'churn-prediction',
      'fraud-detection',
    ]);
    const churnOnly = await readMonthToDateCostByTag(
      ce,
      {
        accountIds: [SHARED],
        tagKey: 'cost-center',
        tagValues: ['CC-1001'],
      },
      now,
    );
    expect([...churnOnly.amounts.keys()]).toEqual(['CC-1001']);
    expect(churnOnly.amounts.get('CC-1001')).toBeCloseTo(
      byProject.amounts.get('churn-prediction')!,
      2,
    );
  });

  it('asks nothing for no shared accounts', async () => {
    const before = emulator.callCounts()['ce:GetCostAndUsage'] ?? 0;
    const none = await readMonthToDateCostByTag(
      await clients.costExplorer(),
      { accountIds: [], tagKey: 'ml-project' },
      new Date(),
    );
    expect(none.amounts.size).toBe(0);
    expect(emulator.callCounts()['ce:GetCostAndUsage'] ?? 0).toBe(before);
  });
});
