import request from 'supertest';
import {
  GUEST,
  asUser,
  demoBackend,
  recordedNotifications,
} from './__testUtils__/demoBackend';
import {
  ADMIN,
  PROJECT,
  accountOf,
  dataLakeConfig,
  postAs,
  startDataLakeBackend,
} from './__testUtils__/dataLakeBackend';

const DORA = 'user:default/dora';
const OLIVIA = 'user:default/olivia';

/** Who is in which group, at sign-in and in the catalog alike. */
const MEMBERS = {
  [GUEST]: ['group:default/team-churn'],
  [ADMIN]: ['group:default/platform-team'],
  [DORA]: ['group:default/data-owners'],
  [OLIVIA]: ['group:default/data-owners'],
};

describe('data grants of sensitive datasets', () => {
  const env = demoBackend();
  const { emulator } = env;

  async function start() {
    const { sent, factory: notifications } = recordedNotifications();
    const server = await startDataLakeBackend(env, {
      members: MEMBERS,
      catalog: MEMBERS,
      dataLake: dataLakeConfig(['stores', 'sales']),
      services: [notifications],
    });
    return { server, sent, dev: await accountOf(server, PROJECT, 'dev') };
  }

  const post = (server: any, who: string, path: string, body: object = {}) =>
    postAs(server, asUser(who), path, body);
  /** The data lake's grants to the account, as `table[-excluded columns]: permissions`. */
  const granted = (accountId: string) =>
    emulator()
      .state.lakePermissions.filter(
        p => p.principal === accountId && p.database === 'sales' && p.table,
      )
      .map(
        p =>
          `${p.table}${
            p.excludedColumns ? ` -${p.excludedColumns.join(',')}` : ''
          }: ${p.permissions}`,
      )
      .sort();

  it('withholds the PII columns from the dev account and waits for a second data owner', async () => {
    const { server, sent, dev } = await start();
    // sales is configured self-service, yet its PII makes it sensitive.
    const asked = await post(
      server,
      GUEST,
      `/projects/${PROJECT}/data-grants`,
      {
        accountId: dev,
        database: 'sales',
        reason: 'Features for the churn model',
      },
    );
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      state: 'pending',
      sensitive: true,
      approvalsNeeded: 2,
      approvals: [],
      withheldColumns: [
        { table: 'orders', columns: ['customer_email', 'shipping_address'] },
      ],
    });
    expect(asked.body.withheldReason).toBe(
      'PII (Lake Formation tag classification=confidential) stays out of dev accounts: they receive a redacted view',
    );
    expect(sent.map(s => s.payload.description)).toContainEqual(
      expect.stringContaining(
        'sales is classified sensitive: two data owners approve. Withheld: orders.customer_email, orders.shipping_address.',
      ),
    );

    const approve = (who: string) =>
      post(server, who, `/data-grants/${asked.body.id}/approve`, {
        note: `Checked by ${who}`,
      });
    const first = await approve(DORA);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      state: 'pending',
      approvals: [{ by: DORA, note: `Checked by ${DORA}` }],
      approvalsNeeded: 2,
    });
    expect(granted(dev)).toEqual([]);
    // The same data owner twice is still one approval; the requester none.
    const twice = await approve(DORA);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain(
      'it needs 2 different approvals from the data owner groups, 1 so far',
    );
    expect((await approve(GUEST)).status).toBe(403);
    expect(granted(dev)).toEqual([]);

    const second = await approve(OLIVIA);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      state: 'active',
      decidedBy: OLIVIA,
      approvals: [{ by: DORA }, { by: OLIVIA }],
    });
    // Table by table, the PII columns left out.
    expect(granted(dev)).toEqual([
      'order_lines: SELECT,DESCRIBE',
      'orders -customer_email,shipping_address: SELECT',
      'returns: SELECT,DESCRIBE',
    ]);
    const audit = await request(server)
      .get(`/api/ml-environments/audit?project=${PROJECT}`)
      .set('authorization', asUser(ADMIN));
    expect(
      audit.body.items
        .filter((e: any) => e.action === 'data.approve')
        .map((e: any) => e.actor),
    ).toEqual(expect.arrayContaining([DORA, OLIVIA]));

    const revoked = await post(
      server,
      GUEST,
      `/data-grants/${asked.body.id}/revoke`,
    );
    expect(revoked.body.state).toBe('revoked');
    expect(granted(dev)).toEqual([]);
  });

  it('refuses a database the data lake does not have, recording nothing', async () => {
    const { server, dev } = await start();
    const unknown = await post(
      server,
      GUEST,
      `/projects/${PROJECT}/data-grants`,
      { accountId: dev, database: 'payroll', reason: 'Salaries for the model' },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      "Database payroll is not in the data lake's catalog (account 100000000011); ask for one of its databases",
    );
    const listed = await request(server)
      .get(`/api/ml-environments/data-grants?project=${PROJECT}`)
      .set('authorization', asUser(GUEST));
    expect(listed.body.items.map((g: any) => g.database)).not.toContain(
      'payroll',
    );
  });
});
