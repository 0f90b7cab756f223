import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { suiteConfigFor } from '@mlgov/aws-emulator';
import {
  MlAwsClients,
  ensureBudget,
  readMonthToDateCost,
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
const SANDBOX = '240000000001';
const cost = (project: string) =>
  `/api/ml-environments/projects/${project}/cost`;

describe('GET /projects/{project}/cost on the demo organization', () => {
  const { startBackend, emulator } = demoBackend();
  let server: any;
  let clients: MlAwsClients;

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
      { permissions: { adminGroups: ['group:default/platform-team'] } },
    ));
    await refreshOrThrow(server, asUser(ADMIN));
    clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator().url)),
    );
  });

  it('gives the owner group the month so far per recorded account, as Cost Explorer has it', async () => {
    const res = await request(server)
      .get(cost('churn-prediction'))
      .set('authorization', asUser(GUEST));
    expect(res.status).toBe(200);
    const { body } = res;
    expect(body.project).toBe('churn-prediction');
    expect(body.currency).toBe('USD');
    expect(body.budget).toBeUndefined();
    const ids = body.monthToDate.byAccount.map((a: any) => a.accountId);
    expect(body.monthToDate.byAccount.map((a: any) => a.stage)).toEqual(
      expect.arrayContaining(['dev', 'preprod']),
    );
    const expected = await readMonthToDateCost(
      await clients.costExplorer(),
      ids,
      new Date(),
    );
    expect(body.monthToDate.total).toBeCloseTo(expected.total, 2);
    expect(body.monthToDate.total).toBeGreaterThan(0);
    expect(body.daily).toEqual(expected.daily);
  });

  it("refuses another team's user (403) and answers an administrator", async () => {
    const other = await request(server)
      .get(cost('churn-prediction'))
      .set('authorization', asUser(MALLORY));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/team-churn/);
    const admin = await request(server)
      .get(cost('churn-prediction'))
      .set('authorization', asUser(ADMIN));
    expect(admin.status).toBe(200);
    expect(admin.body.monthToDate.total).toBeGreaterThan(0);
  });

  it('reads Cost Explorer once per cache period, whoever asks, and decides authority on every call', async () => {
    const costCalls = () => emulator().callCounts()['ce:GetCostAndUsage'] ?? 0;
    const first = await request(server)
      .get(cost('churn-prediction'))
      .set('authorization', asUser(GUEST));
    const before = costCalls();
    const again = await request(server)
      .get(cost('churn-prediction'))
      .set('authorization', asUser(ADMIN));
    const refused = await request(server)
      .get(cost('churn-prediction'))
      .set('authorization', asUser(MALLORY));
    expect(again.body).toEqual(first.body);
    expect(refused.status).toBe(403);
    expect(costCalls()).toBe(before);
  });

  it('answers 404 for a project the suite has not recorded', async () => {
    const res = await request(server)
      .get(cost('no-such-project'))
      .set('authorization', asUser(ADMIN));
    expect(res.status).toBe(404);
  });

  it("gives a sandbox's budget: its limit, forecast and the share used", async () => {
    const { budgets } = await clients.forAccount(SANDBOX);
    // As the provisioning template makes it (its budget phase).
    await ensureBudget(
      budgets,
      {
        accountId: SANDBOX,
        name: 'nlp-playground-spending-limit',
        limitUsd: 400,
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
    const res = await request(server)
      .get(cost('nlp-playground'))
      .set('authorization', asUser(GUEST));
    expect(res.status).toBe(200);
    const spent = res.body.monthToDate.byAccount.find(
      (a: any) => a.accountId === SANDBOX,
    ).amount;
    expect(res.body.budget.limit).toBe(400);
    expect(res.body.budget.forecast).toBeGreaterThanOrEqual(spent);
    expect(res.body.budget.percentUsed).toBeCloseTo((spent / 400) * 100, 0);
  });
});
