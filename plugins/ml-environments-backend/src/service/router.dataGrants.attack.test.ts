import request from 'supertest';
import {
  GUEST,
  MALLORY,
  asTask,
  asUser,
  demoBackend,
} from './__testUtils__/demoBackend';
import {
  ADMIN,
  PROJECT,
  accountOf,
  dataLakeConfig,
  postAs,
  startDataLakeBackend,
} from './__testUtils__/dataLakeBackend';

// Probes of another team's user (and of a data owner inside the project)
// against sensitive data grants: each pins a refusal that changes nothing.
/** A data owner who is also a member of the project that asks. */
const DORA = 'user:default/dora';
const OLIVIA = 'user:default/olivia';

/** Who is in which group, at sign-in and in the catalog alike. */
const MEMBERS = {
  [GUEST]: ['group:default/team-churn'],
  [MALLORY]: ['group:default/team-fraud'],
  [ADMIN]: ['group:default/platform-team'],
  [DORA]: ['group:default/data-owners', 'group:default/team-churn'],
  [OLIVIA]: ['group:default/data-owners'],
};

describe('data grants attacked by another team and by the requester', () => {
  const env = demoBackend();
  const { emulator } = env;

  async function start(dataLake: object | false) {
    const server = await startDataLakeBackend(env, {
      members: MEMBERS,
      catalog: MEMBERS,
      dataLake,
    });
    return {
      server,
      dev: await accountOf(server, PROJECT, 'dev'),
      fraudDev: await accountOf(server, 'fraud-detection', 'dev'),
    };
  }

  const post = postAs;
  /** Anything the data lake granted on `sales` to the account. */
  const granted = (accountId: string) =>
    emulator().state.lakePermissions.filter(
      p => p.principal === accountId && p.database === 'sales',
    );

  it('gives mallory, the requester and an administrator no say over a sensitive grant', async () => {
    const { server, dev, fraudDev } = await start(dataLakeConfig(['sales']));
    // Dora asks as a member of team-churn; sales is sensitive (PII columns).
    const asked = await post(
      server,
      asUser(DORA),
      `/projects/${PROJECT}/data-grants`,
      { accountId: dev, database: 'sales', reason: 'Features for churn' },
    );
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ state: 'pending', approvalsNeeded: 2 });
    const id = asked.body.id;

    const outcomes: Record<string, number> = {};
    for (const [who, auth] of [
      ['mallory', asUser(MALLORY)],
      ['task for mallory', asTask(MALLORY)],
      ['admin', asUser(ADMIN)],
    ]) {
      for (const verb of ['approve', 'reject', 'revoke']) {
        const res = await post(server, auth, `/data-grants/${id}/${verb}`);
        outcomes[`${verb} as ${who}`] = res.status;
      }
    }
    // The requester is a data owner too: her own request gets no approval of hers.
    outcomes['approve as requester'] = (
      await post(server, asUser(DORA), `/data-grants/${id}/approve`)
    ).status;
    expect(outcomes).toEqual({
      'approve as mallory': 403,
      'reject as mallory': 403,
      'revoke as mallory': 403,
      'approve as task for mallory': 403,
      'reject as task for mallory': 403,
      'revoke as task for mallory': 403,
      // Administrators are not data owners when ownerGroups is set.
      'approve as admin': 403,
      'reject as admin': 403,
      'revoke as admin': 403,
      'approve as requester': 403,
    });

    // One other data owner is one approval of two; twice is still one.
    const first = await post(
      server,
      asUser(OLIVIA),
      `/data-grants/${id}/approve`,
    );
    expect(first.status).toBe(202);
    expect(first.body.approvals.map((a: any) => a.by)).toEqual([OLIVIA]);
    const again = await post(
      server,
      asUser(OLIVIA),
      `/data-grants/${id}/approve`,
    );
    expect(again.status).toBe(409);
    // The requester cannot be the second either.
    expect(
      (await post(server, asUser(DORA), `/data-grants/${id}/approve`)).status,
    ).toBe(403);
    expect(granted(dev)).toEqual([]);

    // Mallory cannot ask for churn's account, through churn or through her own project.
    const forChurn = await post(
      server,
      asUser(MALLORY),
      `/projects/${PROJECT}/data-grants`,
      {
        accountId: dev,
        database: 'sales',
        reason: 'Fraud features from churn',
      },
    );
    expect(forChurn.status).toBe(403);
    const churnAccountViaFraud = await post(
      server,
      asUser(MALLORY),
      '/projects/fraud-detection/data-grants',
      {
        accountId: dev,
        database: 'stores',
        reason: 'Fraud features from churn',
      },
    );
    expect(churnAccountViaFraud.status).toBe(400);
    expect(churnAccountViaFraud.body.error.message).toContain(
      `Account ${dev} is not one of fraud-detection's`,
    );

    const listed = await request(server)
      .get('/api/ml-environments/data-grants')
      .set('authorization', asUser(ADMIN));
    expect(
      listed.body.items.map(
        (g: any) => `${g.project} ${g.accountId} ${g.state}`,
      ),
    ).toEqual([`${PROJECT} ${dev} pending`]);
    expect(
      emulator().state.lakePermissions.filter(
        p => p.principal === dev || p.principal === fraudDev,
      ),
    ).toEqual([]);
  });

  it('refuses every data grant while no data lake is configured (fail closed)', async () => {
    const { server, dev } = await start(false);
    const asked = await post(
      server,
      asUser(GUEST),
      `/projects/${PROJECT}/data-grants`,
      { accountId: dev, database: 'stores', reason: 'Store features' },
    );
    expect(asked.status).toBe(409);
    expect(asked.body.error.message).toContain('No data lake is configured');
    expect(granted(dev)).toEqual([]);
  });
});
