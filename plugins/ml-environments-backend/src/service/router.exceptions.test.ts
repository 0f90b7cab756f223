import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  GUEST,
  MALLORY,
  asUser,
  demoBackend,
  membersOf,
  recordedNotifications,
} from './__testUtils__/demoBackend';
import { refreshOrThrow } from './__testUtils__/refresh';

const ADMIN = 'user:default/admin';
const HOSTING = 'mlgov-deny-sagemaker-hosting';

describe('guardrail exceptions', () => {
  const { startBackend, emulator } = demoBackend();

  async function start() {
    const { sent, factory: notifications } = recordedNotifications();
    // The mock scheduler runs a task when the test says, not on a clock.
    const scheduler = mockServices.scheduler() as ReturnType<
      typeof mockServices.scheduler
    > & { factory: typeof mockServices.scheduler.factory };
    const { server } = await startBackend(
      [
        membersOf({
          [GUEST]: ['group:default/team-churn'],
          [MALLORY]: ['group:default/team-fraud'],
          [ADMIN]: ['group:default/platform-team'],
        }),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        notifications,
      ],
      [],
      { refreshMinInterval: { milliseconds: 0 } },
      { permissions: { adminGroups: ['group:default/platform-team'] } },
    );
    await refreshOrThrow(server, asUser(ADMIN));
    const record = await request(server)
      .get('/api/ml-environments/projects/churn-prediction/record')
      .set('authorization', asUser(GUEST));
    const dev = record.body.accounts.find((a: any) => a.stage === 'dev');
    return { server, sent, scheduler, devAccountId: dev.accountId as string };
  }

  const api = (server: any, who: string) => ({
    ask: (body: object, project = 'churn-prediction') =>
      request(server)
        .post(`/api/ml-environments/projects/${project}/exceptions`)
        .set('authorization', asUser(who))
        .send(body),
    decide: (id: string, verb: string, note?: string) =>
      request(server)
        .post(`/api/ml-environments/exceptions/${id}/${verb}`)
        .set('authorization', asUser(who))
        .send(note ? { note } : {}),
    list: (query: string) =>
      request(server)
        .get(`/api/ml-environments/exceptions?${query}`)
        .set('authorization', asUser(who)),
  });

  const carvedOut = () => {
    const policy = [...emulator().state.policies.values()].find(
      p => p.name === HOSTING,
    )!;
    return JSON.stringify(JSON.parse(policy.content)).match(
      /"aws:PrincipalAccount":\[([^\]]*)\]/,
    )?.[1];
  };
  /** Whether a tagged real-time endpoint may be created in the account. */
  const taggedEndpoint = (server: any, accountId: string) =>
    request(server)
      .post('/api/ml-environments/evaluate')
      .set('authorization', asUser(GUEST))
      .send({
        accountId,
        actions: ['sagemaker:CreateEndpoint'],
        context: {
          'aws:RequestTag/cost-center': 'cc-1',
          'aws:RequestTag/ml-project': 'churn-prediction',
        },
      });
  const inDays = (days: number) =>
    new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

  it('lifts a guardrail for one account once an approver approves, shows it as excepted, and puts it back on revocation', async () => {
    const { server, sent, devAccountId } = await start();
    const before = [...emulator().state.policies.values()].find(
      p => p.name === HOSTING,
    )!.content;
    const hosting = {
      accountId: devAccountId,
      guardrailId: 'deny-sagemaker-hosting',
      reason: 'One real-time endpoint for the board demo',
      endsAt: inDays(14),
    };
    const asked = await api(server, GUEST).ask(hosting);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ state: 'pending', requestedBy: GUEST });
    // Asking changes nothing in AWS; approvers are told.
    expect(carvedOut()).toBeUndefined();
    expect(sent.map(s => s.recipients)).toEqual([
      { type: 'entity', entityRef: 'group:default/platform-team' },
    ]);
    // Named as people call them: the guardrail's title, the account's name.
    expect(sent[0].payload.title).toMatch(
      new RegExp(
        `^churn-prediction asks to lift '.+' \\(deny-sagemaker-hosting\\) on churn-prediction-dev \\(${devAccountId}\\)$`,
      ),
    );
    // Asking again answers the open request (200), as for data grants, and
    // asks nobody twice.
    const again = await api(server, GUEST).ask(hosting);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(asked.body.id);
    expect(sent).toHaveLength(1);

    const own = await api(server, GUEST).decide(asked.body.id, 'approve');
    expect(own.status).toBe(403);
    const outsider = await api(server, MALLORY).decide(
      asked.body.id,
      'approve',
    );
    expect(outsider.status).toBe(403);
    expect(carvedOut()).toBeUndefined();

    const hostingDenied = await taggedEndpoint(server, devAccountId);
    expect(hostingDenied.body.items[0].decidedBy.policy).toBe(HOSTING);

    const approved = await api(server, ADMIN).decide(
      asked.body.id,
      'approve',
      'Demo on Friday',
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'active',
      decidedBy: ADMIN,
      decisionNote: 'Demo on Friday',
      appliedAt: expect.any(String),
    });
    expect(carvedOut()).toBe(`"${devAccountId}"`);

    await refreshOrThrow(server, asUser(ADMIN));
    const layout = await request(server)
      .get('/api/ml-environments/projects/churn-prediction')
      .set('authorization', asUser(GUEST));
    const guardrailOf = (stage: string) =>
      layout.body.accounts
        .find((a: any) => a.stage === stage)
        .guardrails.find(
          (g: any) => g.guardrailId === 'deny-sagemaker-hosting',
        );
    expect(guardrailOf('dev')).toMatchObject({
      state: 'excepted',
      reason: expect.stringContaining('One real-time endpoint'),
    });
    // The effective permissions agree: the endpoint, tagged, may be created.
    const endpoint = await taggedEndpoint(server, devAccountId);
    expect(endpoint.body.items[0].decision).toBe('allowed');

    const revoked = await api(server, GUEST).decide(
      asked.body.id,
      'revoke',
      'Demo done',
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      state: 'revoked',
      removedAt: expect.any(String),
    });
    expect(
      JSON.parse(
        [...emulator().state.policies.values()].find(p => p.name === HOSTING)!
          .content,
      ),
    ).toEqual(JSON.parse(before));

    const audit = await request(server)
      .get('/api/ml-environments/audit?project=churn-prediction')
      .set('authorization', asUser(ADMIN));
    expect(
      audit.body.items
        .filter((e: any) => e.action.startsWith('exception.'))
        .map((e: any) => [e.action, e.actor]),
    ).toEqual([
      ['exception.remove', 'ml-environments'],
      ['exception.revoke', GUEST],
      ['exception.apply', 'ml-environments'],
      ['exception.approve', ADMIN],
      ['exception.request', GUEST],
    ]);
  });

  it('removes the carve-out on schedule when the exception ends, and shows a carve-out left behind as drift', async () => {
    const { server, scheduler, devAccountId } = await start();
    const asked = await api(server, GUEST).ask({
      accountId: devAccountId,
      guardrailId: 'deny-sagemaker-hosting',
      reason: 'A short-lived test of the expiry',
      endsAt: new Date(Date.now() + 8000).toISOString(),
    });
    await api(server, ADMIN).decide(asked.body.id, 'approve');
    expect(carvedOut()).toBe(`"${devAccountId}"`);

    for (;;) {
      const listed = await api(server, GUEST).list('project=churn-prediction');
      if (listed.body.items[0].state === 'expired') break;
      await new Promise(r => setTimeout(r, 250));
    }
    // Ended, but the carve-out is still there until the check runs: drift.
    await refreshOrThrow(server, asUser(ADMIN));
    const target = await request(server)
      .get(`/api/ml-environments/targets/${devAccountId}/guardrails`)
      .set('authorization', asUser(GUEST));
    expect(
      target.body.guardrails.find(
        (g: any) => g.guardrailId === 'deny-sagemaker-hosting',
      ),
    ).toMatchObject({
      state: 'drifted',
      reason: expect.stringContaining(
        `lifts ${devAccountId} out of the guardrail with no approved exception in force`,
      ),
    });

    await scheduler.triggerTask('ml-environments-exceptions');
    expect(carvedOut()).toBeUndefined();
    const listed = await api(server, GUEST).list('state=expired');
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: asked.body.id,
        removedAt: expect.any(String),
      }),
    ]);
  });

  it('refuses bad requests and strangers with a reason, changing nothing', async () => {
    const { server, devAccountId } = await start();
    const base = {
      accountId: devAccountId,
      guardrailId: 'deny-sagemaker-hosting',
      reason: 'One real-time endpoint for the board demo',
      endsAt: inDays(14),
    };
    const tooLong = await api(server, GUEST).ask({
      ...base,
      endsAt: inDays(120),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('at most 90 days');
    const control = await api(server, GUEST).ask({
      ...base,
      guardrailId: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
    });
    expect(control.status).toBe(400);
    expect(control.body.error.message).toContain('Control Tower control');
    const foreign = await api(server, GUEST).ask({
      ...base,
      accountId: '999999999999',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toContain(
      "is not one of churn-prediction's",
    );
    const stranger = await api(server, MALLORY).ask(base);
    expect(stranger.status).toBe(403);
    const listed = await api(server, GUEST).list('project=churn-prediction');
    expect(listed.body.items).toEqual([]);
    expect(carvedOut()).toBeUndefined();
  });
});
