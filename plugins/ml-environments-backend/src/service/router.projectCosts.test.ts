import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { suiteConfigFor } from '@mlgov/aws-emulator';
import {
  MlAwsClients,
  readMonthToDateCost,
  readMonthToDateCostByTag,
} from '@mlgov/plugin-ml-environments-node';
import request from 'supertest';
import {
  GUEST,
  MALLORY,
  asUser,
  demoBackend,
  membersOf,
} from './__testUtils__/demoBackend';
import { refreshOrThrow } from './__testUtils__/refresh';

const ADMIN = 'user:default/admin';
const NOBODY = 'user:default/nobody';
const SHARED = '100000000010';
const PROJECT_COSTS = '/api/ml-environments/project-costs';

describe('GET /project-costs on the demo organization', () => {
  const { startBackend, emulator } = demoBackend();
  let server: any;
  let clients: MlAwsClients;
  const costCalls = () => emulator().callCounts()['ce:GetCostAndUsage'] ?? 0;
  const list = (who: string) =>
    request(server).get(PROJECT_COSTS).set('authorization', asUser(who));

  beforeAll(async () => {
    ({ server } = await startBackend(
      [
        membersOf({
          [GUEST]: ['group:default/team-churn'],
          [MALLORY]: ['group:default/team-fraud'],
          [ADMIN]: ['group:default/platform-team'],
        }),
      ],
      [],
      {},
      {
        permissions: { adminGroups: ['group:default/platform-team'] },
        serviceCatalog: {
          sharedServicesAccountId: SHARED,
          portfolio: 'ML Platform',
        },
      },
    ));
    await refreshOrThrow(server, asUser(ADMIN));
    clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator().url)),
    );
  });

  it("gives the owner group its projects' spend: their accounts and their tagged share of the shared account", async () => {
    const res = await list(GUEST);
    expect(res.status).toBe(200);
    expect(res.body.currency).toBe('USD');
    expect(res.body.projects.map((p: any) => p.project)).toEqual([
      'churn-prediction',
      'nlp-playground',
    ]);
    const churn = res.body.projects[0];
    const record = await request(server)
      .get('/api/ml-environments/projects/churn-prediction/record')
      .set('authorization', asUser(GUEST));
    const ids = record.body.accounts.map((a: any) => a.accountId);
    const ce = await clients.costExplorer();
    const own = await readMonthToDateCost(ce, ids, new Date());
    const shared = await readMonthToDateCostByTag(
      ce,
      { accountIds: [SHARED], tagKey: 'ml-project' },
      new Date(),
    );
    expect(churn.accounts).toBeCloseTo(own.total, 2);
    // The model registry in Team Shared Services is tagged churn-prediction.
    expect(churn.sharedAccounts).toBeGreaterThan(0);
    expect(churn.sharedAccounts).toBeCloseTo(
      shared.amounts.get('churn-prediction')!,
      2,
    );
    expect(churn.monthToDate).toBeCloseTo(
      churn.accounts + churn.sharedAccounts,
      2,
    );
  });

  it("leaves out another team's projects: mallory sees only fraud-detection", async () => {
    const res = await list(MALLORY);
    expect(res.status).toBe(200);
    expect(res.body.projects.map((p: any) => p.project)).toEqual([
      'fraud-detection',
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/churn|nlp-playground/);
  });

  it('gives administrators every recorded project', async () => {
    const res = await list(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.projects.map((p: any) => p.project)).toEqual([
      'churn-prediction',
      'fraud-detection',
      'nlp-playground',
    ]);
    expect(res.body.projects.every((p: any) => p.monthToDate > 0)).toBe(true);
  });

  it('asks Cost Explorer once per cache period for everyone, and not at all for whom it shows nothing', async () => {
    await list(ADMIN);
    const before = costCalls();
    const readAt = (await list(GUEST)).body.readAt;
    await list(MALLORY);
    await list(ADMIN);
    expect(costCalls()).toBe(before);
    expect((await list(ADMIN)).body.readAt).toBe(readAt);
    const nobody = await list(NOBODY);
    expect(nobody.status).toBe(200);
    expect(nobody.body.projects).toEqual([]);
    expect(costCalls()).toBe(before);
  });

  it('refuses a plugin calling for itself, with no user: the cost is per user', async () => {
    const res = await request(server)
      .get(PROJECT_COSTS)
      .set('authorization', mockCredentials.service.header());
    expect(res.status).toBe(403);
  });
});
