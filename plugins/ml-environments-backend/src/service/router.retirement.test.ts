import request from 'supertest';
import {
  GUEST,
  MALLORY,
  asTask,
  asUser,
  demoBackend,
  membersOf,
  recordedNotifications,
} from './__testUtils__/demoBackend';
import { refreshOrThrow } from './__testUtils__/refresh';

const ADMIN = 'user:default/admin';
const PROJECT = 'churn-prediction';
const REASON = 'model replaced by churn-prediction-v2';

describe('retiring a project', () => {
  const { startBackend } = demoBackend();

  let sent: Array<{ recipients: any; payload: any }> = [];

  async function start() {
    const notifications = recordedNotifications();
    sent = notifications.sent as any;
    const { server } = await startBackend(
      [
        membersOf({
          [GUEST]: ['group:default/team-churn'],
          [MALLORY]: ['group:default/team-fraud'],
          [ADMIN]: ['group:default/platform-team'],
        }),
        notifications.factory,
      ],
      [],
      { refreshMinInterval: { milliseconds: 0 } },
      { permissions: { adminGroups: ['group:default/platform-team'] } },
    );
    await refreshOrThrow(server, asUser(ADMIN));
    return server;
  }

  // As the offboarding template's task calls the backend, for a user.
  const post = (server: any, who: string, path: string, body: object) =>
    request(server)
      .post(`/api/ml-environments${path}`)
      .set('authorization', asTask(who))
      .send(body);
  const claim = (server: any, who: string, body: object = {}) =>
    post(server, who, `/projects/${PROJECT}/retirement`, {
      taskId: 'task-retire',
      reason: REASON,
      ...body,
    });
  const recordOf = async (server: any) =>
    (
      await request(server)
        .get(`/api/ml-environments/projects/${PROJECT}/record`)
        .set('authorization', asUser(GUEST))
    ).body;

  it('refuses anyone but the owner group or an administrator, changing nothing and auditing the refusal', async () => {
    const server = await start();
    const refused = await claim(server, MALLORY);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `user:default/mallory may not retire ML project ${PROJECT}: only members of its owner group group:default/team-churn and administrators can (ml-environments.project.retire)`,
    );
    expect((await recordOf(server)).retirement).toBeUndefined();
    const audit = await request(server)
      .get(`/api/ml-environments/audit?project=${PROJECT}`)
      .set('authorization', asUser(ADMIN));
    expect(audit.body.items[0]).toMatchObject({
      action: 'retire.refused',
      actor: MALLORY,
    });

    const byAdmin = await claim(server, ADMIN, { dryRun: true });
    expect(byAdmin.status).toBe(200);
    const short = await claim(server, GUEST, { reason: 'done' });
    expect(short.status).toBe(400);
  });

  it('refuses while exceptions are open unless the run revokes them, then retires for good', async () => {
    const server = await start();
    const { accounts } = await recordOf(server);
    const dev = accounts.find((a: any) => a.stage === 'dev').accountId;
    const asked = await post(server, GUEST, `/projects/${PROJECT}/exceptions`, {
      accountId: dev,
      guardrailId: 'deny-sagemaker-hosting',
      reason: 'One real-time endpoint for the board demo',
      endsAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
    });
    expect(asked.status).toBe(201);

    const blocked = await claim(server, GUEST);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain(asked.body.id);
    const dryRun = await claim(server, GUEST, {
      dryRun: true,
      revokeOpenExceptions: true,
    });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.openExceptions.map((e: any) => e.id)).toEqual([
      asked.body.id,
    ]);
    // A dry run holds nothing.
    expect(await recordOf(server)).not.toHaveProperty('retirement');

    const claimed = await claim(server, GUEST, { revokeOpenExceptions: true });
    expect(claimed.status).toBe(200);
    expect(claimed.body.record).toMatchObject({
      retirement: { state: 'retiring', reason: REASON, requestedBy: GUEST },
      lock: { taskId: 'task-retire' },
    });
    // Another task cannot take over; provisioning is refused from now on.
    expect(
      (
        await claim(server, ADMIN, {
          taskId: 'task-other',
          revokeOpenExceptions: true,
        })
      ).status,
    ).toBe(409);
    const provisioning = await post(
      server,
      GUEST,
      `/projects/${PROJECT}/provisioning`,
      { pattern: 'mlops', owner: 'group:default/team-churn', taskId: 't-2' },
    );
    expect(provisioning.status).toBe(409);
    expect(provisioning.body.error.message).toContain('is retiring');

    const complete = (body: object) =>
      post(server, GUEST, `/projects/${PROJECT}/retirement/complete`, {
        taskId: 'task-retire',
        ...body,
      });
    const retiredAccounts = accounts.map((a: any) => ({
      accountId: a.accountId,
      closure: 'suspended',
    }));
    // The exception is still open: the task must revoke it first.
    expect((await complete({ accounts: retiredAccounts })).status).toBe(409);
    expect(
      (await post(server, GUEST, `/exceptions/${asked.body.id}/revoke`, {}))
        .status,
    ).toBe(200);
    const stray = await complete({
      accounts: [{ accountId: '999999999999', closure: 'closing' }],
    });
    expect(stray.status).toBe(400);
    const done = await complete({ accounts: retiredAccounts });
    expect(done.status).toBe(200);
    expect(done.body.retirement).toMatchObject({
      state: 'retired',
      accounts: retiredAccounts,
    });
    expect(done.body.lock).toBeUndefined();
    // The owner group is told, in words.
    const notice = sent.find(n => n.payload.title === `${PROJECT} is retired`);
    expect(notice?.recipients).toEqual({
      type: 'entity',
      entityRef: 'group:default/team-churn',
    });
    expect(notice?.payload.description).toMatch(
      /^user:default\/guest retired churn-prediction \(model replaced by churn-prediction-v2\): 4 account\(s\) suspended;/,
    );

    // A re-run is answered with the retired record and holds nothing.
    const again = await claim(server, GUEST, { taskId: 'task-again' });
    expect(again.status).toBe(200);
    expect(again.body.record.retirement.state).toBe('retired');
    const kept = await recordOf(server);
    expect(kept.retirement.state).toBe('retired');
    expect(kept.lock).toBeUndefined();
    const studio = await post(
      server,
      GUEST,
      `/projects/${PROJECT}/studio-url`,
      {},
    );
    expect(studio.status).toBe(409);
    const view = await request(server)
      .get(`/api/ml-environments/projects/${PROJECT}`)
      .set('authorization', asUser(GUEST));
    expect(view.body.record.retirement.state).toBe('retired');
    const exception = await post(
      server,
      GUEST,
      `/projects/${PROJECT}/exceptions`,
      {
        accountId: dev,
        guardrailId: 'deny-sagemaker-hosting',
        reason: 'One more endpoint after all',
        endsAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
      },
    );
    expect(exception.status).toBe(409);

    const audit = await request(server)
      .get(`/api/ml-environments/audit?project=${PROJECT}`)
      .set('authorization', asUser(ADMIN));
    expect(audit.body.items.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['retire.start', 'retire.complete']),
    );
  });
});
