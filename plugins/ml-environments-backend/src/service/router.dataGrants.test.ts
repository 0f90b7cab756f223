import request from 'supertest';
import {
  GUEST,
  MALLORY,
  asTask,
  asUser,
  demoBackend,
  recordedNotifications,
} from './__testUtils__/demoBackend';
import {
  ADMIN,
  PROJECT,
  accountOf,
  postAs,
  startDataLakeBackend,
} from './__testUtils__/dataLakeBackend';

const DATA_OWNER = 'user:default/dora';

describe('data grants', () => {
  const env = demoBackend();
  const { emulator } = env;

  async function start() {
    const { sent, factory: notifications } = recordedNotifications();
    const server = await startDataLakeBackend(env, {
      members: {
        [GUEST]: ['group:default/team-churn'],
        [MALLORY]: ['group:default/team-fraud'],
        [ADMIN]: ['group:default/platform-team'],
        [DATA_OWNER]: ['group:default/data-owners'],
      },
      services: [notifications],
    });
    return { server, sent, dev: await accountOf(server, PROJECT, 'dev') };
  }

  const post = (server: any, who: string, path: string, body: object = {}) =>
    postAs(server, asUser(who), path, body);
  /**
   * What Lake Formation holds for the account, as `database[.table]:
   * permissions` (`.*`: the table wildcard, never to a dev account).
   */
  const held = (accountId: string) =>
    emulator()
      .state.lakePermissions.filter(p => p.principal === accountId)
      .map(
        p => `${p.database}${p.table ? `.${p.table}` : ''}: ${p.permissions}`,
      );

  it('grants a self-service database at once and an unclassified one after a data owner approves; revokes in Lake Formation', async () => {
    const { server, sent, dev } = await start();
    const ask = (database: string) =>
      post(server, GUEST, `/projects/${PROJECT}/data-grants`, {
        accountId: dev,
        database,
        reason: 'Features for the churn model',
      });

    const stores = await ask('stores');
    expect(stores.status).toBe(201);
    expect(stores.body).toMatchObject({
      state: 'active',
      decidedBy: 'self-service',
    });
    expect(held(dev)).toEqual([
      'stores: DESCRIBE',
      'stores.regions: SELECT,DESCRIBE',
      'stores.stores: SELECT,DESCRIBE',
    ]);

    const events = await ask('web_events');
    expect(events.body.state).toBe('pending');
    expect(held(dev)).not.toContain('web_events: DESCRIBE');
    expect(sent.map(s => s.recipients)).toContainEqual({
      type: 'entity',
      entityRef: 'group:default/data-owners',
    });
    // Asking again answers with the open request.
    const again = await ask('web_events');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(events.body.id);

    // Neither the requester, another team nor an admin outside the data
    // owners may approve.
    for (const who of [GUEST, MALLORY, ADMIN]) {
      expect(
        (await post(server, who, `/data-grants/${events.body.id}/approve`))
          .status,
      ).toBe(403);
    }
    expect(held(dev)).not.toContain('web_events: DESCRIBE');
    const approved = await post(
      server,
      DATA_OWNER,
      `/data-grants/${events.body.id}/approve`,
      { note: 'Aggregated data only' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'active',
      decidedBy: DATA_OWNER,
      decisionNote: 'Aggregated data only',
    });
    // To a dev account table by table: a table added later is not granted.
    expect(held(dev)).toEqual(
      expect.arrayContaining([
        'web_events.sessions: SELECT,DESCRIBE',
        'web_events.clicks: SELECT,DESCRIBE',
      ]),
    );
    expect(held(dev).join()).not.toContain('.*');

    // Another team cannot revoke; the owner group can.
    expect(
      (await post(server, MALLORY, `/data-grants/${events.body.id}/revoke`))
        .status,
    ).toBe(403);
    // Lake Formation acts but its answers are lost: the retries find the
    // permissions gone and the revocation holds.
    const { faults } = emulator().config;
    Object.assign(faults, {
      lostAnswerRate: 1,
      operations: ['lakeformation:RevokePermissions'],
    });
    let revoked;
    try {
      revoked = await post(
        server,
        GUEST,
        `/data-grants/${events.body.id}/revoke`,
      );
    } finally {
      Object.assign(faults, { lostAnswerRate: 0, operations: [] });
    }
    expect(revoked.body.state).toBe('revoked');
    expect(held(dev)).toEqual([
      'stores: DESCRIBE',
      'stores.regions: SELECT,DESCRIBE',
      'stores.stores: SELECT,DESCRIBE',
    ]);

    const listed = await request(server)
      .get(`/api/ml-environments/data-grants?project=${PROJECT}`)
      .set('authorization', asUser(GUEST));
    expect(listed.body.items.map((g: any) => [g.database, g.state])).toEqual(
      expect.arrayContaining([
        ['stores', 'active'],
        ['web_events', 'revoked'],
      ]),
    );
    const audit = await request(server)
      .get(`/api/ml-environments/audit?project=${PROJECT}`)
      .set('authorization', asUser(ADMIN));
    expect(audit.body.items.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['data.request', 'data.approve', 'data.revoke']),
    );
  });

  it("refuses another team's request, an account not the project's and a malformed database name, granting nothing", async () => {
    const { server, dev } = await start();
    const before = held(dev);
    const byMallory = await post(
      server,
      MALLORY,
      `/projects/${PROJECT}/data-grants`,
      { accountId: dev, database: 'stores', reason: 'I would like to read it' },
    );
    expect(byMallory.status).toBe(403);
    const foreign = await post(
      server,
      GUEST,
      `/projects/${PROJECT}/data-grants`,
      {
        accountId: '210000000011',
        database: 'stores',
        reason: 'For the fraud dev account',
      },
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toContain(
      "Account 210000000011 is not one of churn-prediction's",
    );
    const unknown = await post(
      server,
      GUEST,
      `/projects/${PROJECT}/data-grants`,
      {
        accountId: dev,
        database: 'Not A Name',
        reason: 'A database that does not exist',
      },
    );
    expect(unknown.status).toBe(400);
    expect(held(dev)).toEqual(before);
  });

  it('retries a self-service grant that Lake Formation refused, when asked again', async () => {
    const { server, dev } = await start();
    const ask = () =>
      post(server, GUEST, `/projects/${PROJECT}/data-grants`, {
        accountId: dev,
        database: 'stores',
        reason: 'Features for the churn model',
      });
    // Earlier tests left the grant in the shared emulator's Lake Formation.
    const state = emulator().state;
    state.lakePermissions = state.lakePermissions.filter(
      p => p.principal !== dev,
    );
    const { faults } = emulator().config;
    Object.assign(faults, {
      rate: 1,
      errors: ['AccessDeniedException'],
      operations: ['lakeformation:GrantPermissions'],
    });
    try {
      const refused = await ask();
      expect(refused.status).toBeGreaterThanOrEqual(400);
    } finally {
      Object.assign(faults, { rate: 0, operations: [] });
    }
    const listed = await request(server)
      .get(`/api/ml-environments/data-grants?project=${PROJECT}&state=pending`)
      .set('authorization', asUser(GUEST));
    expect(listed.body.items.map((g: any) => g.database)).toContain('stores');
    const retried = await ask();
    expect(retried.body).toMatchObject({ database: 'stores', state: 'active' });
  });

  it('keeps a retiring project from being retired while a grant is open', async () => {
    const { server, dev } = await start();
    await post(server, GUEST, `/projects/${PROJECT}/data-grants`, {
      accountId: dev,
      database: 'stores',
      reason: 'Features for the churn model',
    });
    const claim = await request(server)
      .post(`/api/ml-environments/projects/${PROJECT}/retirement`)
      .set('authorization', asTask(GUEST))
      .send({
        taskId: 'task-retire',
        reason: 'model replaced by churn-prediction-v2',
      });
    expect(claim.status).toBe(409);
    expect(claim.body.error.message).toContain('has open data grants');
  });
});
