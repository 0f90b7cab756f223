import request from 'supertest';
import { GUEST, asUser, demoBackend } from './__testUtils__/demoBackend';
import {
  ADMIN,
  DATA_LAKE,
  OWNERS,
  PROJECT,
  accountOf,
  dataLakeConfig,
  postAs,
  startDataLakeBackend,
} from './__testUtils__/dataLakeBackend';

// Regression tests of the security review of sensitive data grants: the
// classification is read again right before a grant is applied, and the
// approvers of a sensitive grant are independent of the project.
/** A data owner who is also a member of the project that asks. */
const DORA = 'user:default/dora';
const OLIVIA = 'user:default/olivia';
const VICTOR = 'user:default/victor';
/** `stores.name` as the emulator keys a column's LF-tags. */
const STORE_NAME = `${DATA_LAKE}/stores/stores/name`;

const MEMBERS = {
  [GUEST]: ['group:default/team-churn'],
  [ADMIN]: ['group:default/platform-team'],
  [DORA]: [OWNERS, 'group:default/team-churn'],
  [OLIVIA]: [OWNERS],
  [VICTOR]: [OWNERS],
};

// Each test has an emulator of its own (the dev account's grants and the
// LF-tags it changes stay with it).
type Env = ReturnType<typeof demoBackend>;

function helpers(env: Env) {
  const { emulator } = env;
  /** The backend; `catalog` is who is in which group now (default MEMBERS). */
  async function start(selfService: string[], catalog = MEMBERS) {
    const server = await startDataLakeBackend(env, {
      members: MEMBERS,
      catalog,
      dataLake: dataLakeConfig(selfService),
    });
    return {
      server,
      dev: await accountOf(server, PROJECT, 'dev'),
      prod: await accountOf(server, PROJECT, 'prod'),
    };
  }
  const post = (server: any, who: string, path: string, body: object = {}) =>
    postAs(server, asUser(who), path, body);
  const ask = (server: any, dev: string, database: string) =>
    post(server, GUEST, `/projects/${PROJECT}/data-grants`, {
      accountId: dev,
      database,
      reason: 'Store features for churn',
    });
  /** The data lake's table grants to the account on a database. */
  const granted = (accountId: string, database: string) =>
    emulator()
      .state.lakePermissions.filter(
        p => p.principal === accountId && p.database === database && p.table,
      )
      .map(
        p =>
          `${p.table}${
            p.excludedColumns ? ` -${p.excludedColumns.join(',')}` : ''
          }: ${p.permissions}`,
      )
      .sort();
  const classifyStoreNames = () =>
    emulator().state.lfTagAssignments.set(STORE_NAME, {
      classification: 'confidential',
    });

  return { start, post, ask, granted, classifyStoreNames, emulator };
}

describe('a grant classified sensitive after its request', () => {
  const env = demoBackend();
  it('waits for a second data owner and withholds the new PII', async () => {
    const { start, post, ask, granted, classifyStoreNames } = helpers(env);
    const { server, dev } = await start([]);
    const asked = await ask(server, dev, 'stores');
    expect(asked.body).toMatchObject({ state: 'pending', approvalsNeeded: 1 });
    classifyStoreNames();

    const first = await post(
      server,
      OLIVIA,
      `/data-grants/${asked.body.id}/approve`,
    );
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      state: 'pending',
      sensitive: true,
      approvalsNeeded: 2,
      withheldColumns: [{ table: 'stores', columns: ['name'] }],
    });
    expect(first.body.withheldReason).toContain(
      'The classification of stores changed after the request',
    );
    expect(granted(dev, 'stores')).toEqual([]);

    const second = await post(
      server,
      VICTOR,
      `/data-grants/${asked.body.id}/approve`,
    );
    expect(second.status).toBe(200);
    expect(second.body.state).toBe('active');
    // Table by table to a dev account, never the wildcard; name withheld.
    expect(granted(dev, 'stores')).toEqual([
      'regions: SELECT,DESCRIBE',
      'stores -name: SELECT',
    ]);
  });
});

describe('an active grant asked for again once its dataset is sensitive', () => {
  const env = demoBackend();
  it('is refused (409) and not applied again', async () => {
    const { start, post, ask, granted, classifyStoreNames } = helpers(env);
    const { server, dev } = await start([]);
    const asked = await ask(server, dev, 'stores');
    await post(server, OLIVIA, `/data-grants/${asked.body.id}/approve`);
    const before = granted(dev, 'stores');
    expect(before).toEqual([
      'regions: SELECT,DESCRIBE',
      'stores: SELECT,DESCRIBE',
    ]);
    classifyStoreNames();
    const again = await ask(server, dev, 'stores');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(
      'it is now classified sensitive',
    );
    expect(granted(dev, 'stores')).toEqual(before);
  });
});

describe('a pending self-service grant asked for again', () => {
  const env = demoBackend();
  it('is retried only as its dataset is classified now', async () => {
    const { start, ask, granted, classifyStoreNames, emulator } = helpers(env);
    const { server, dev } = await start(['stores']);
    // The grant fails in Lake Formation: the request stays pending.
    Object.assign(emulator().config.faults, {
      rate: 1,
      errors: ['AccessDeniedException'],
      operations: ['lakeformation:GrantPermissions'],
    });
    const asked = await ask(server, dev, 'stores');
    expect(asked.status).toBe(500);
    Object.assign(emulator().config.faults, { rate: 0, operations: [] });
    classifyStoreNames();

    const retried = await ask(server, dev, 'stores');
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      state: 'pending',
      sensitive: true,
      approvalsNeeded: 2,
      withheldColumns: [{ table: 'stores', columns: ['name'] }],
    });
    expect(granted(dev, 'stores')).toEqual([]);
  });
});

describe('an approval while Lake Formation cannot be read', () => {
  const env = demoBackend();
  it('grants nothing (503) and leaves the grant pending', async () => {
    const { start, post, ask, granted, emulator } = helpers(env);
    const { server, dev } = await start([]);
    const asked = await ask(server, dev, 'stores');
    Object.assign(emulator().config.faults, {
      rate: 1,
      errors: ['AccessDeniedException'],
      operations: ['lakeformation:GetResourceLFTags'],
    });
    const approved = await post(
      server,
      OLIVIA,
      `/data-grants/${asked.body.id}/approve`,
    );
    expect(approved.status).toBe(503);
    expect(approved.body.error.message).toContain(
      'could not be read from Lake Formation',
    );
    expect(granted(dev, 'stores')).toEqual([]);
    const listed = await request(server)
      .get(`/api/ml-environments/data-grants?project=${PROJECT}`)
      .set('authorization', asUser(ADMIN));
    expect(listed.body.items[0]).toMatchObject({ state: 'pending' });
  });
});

describe('the approvers of a sensitive grant', () => {
  const env = demoBackend();
  it('count no data owner of the asking team, nor one who left the data owners', async () => {
    const { start, post, ask, granted } = helpers(env);
    // Olivia signed in as a data owner, but the catalog no longer says so.
    const { server, dev } = await start([], { ...MEMBERS, [OLIVIA]: [] });
    const asked = await ask(server, dev, 'sales');
    expect(asked.body.approvalsNeeded).toBe(2);
    const id = asked.body.id;

    const teammate = await post(server, DORA, `/data-grants/${id}/approve`);
    expect(teammate.status).toBe(403);
    expect(teammate.body.error.message).toContain(
      "outside the project's owner group",
    );
    expect(
      (await post(server, OLIVIA, `/data-grants/${id}/approve`)).status,
    ).toBe(202);
    // Olivia's approval no longer counts: Victor's is the first of two.
    const victor = await post(server, VICTOR, `/data-grants/${id}/approve`);
    expect(victor.status).toBe(202);
    expect(victor.body.approvals.map((a: any) => a.by)).toEqual([
      OLIVIA,
      VICTOR,
    ]);
    expect(granted(dev, 'sales')).toEqual([]);
  });
});

describe('a grant to a production account', () => {
  const env = demoBackend();
  it('reaches every table through the wildcard, unlike a dev account', async () => {
    const { start, ask, granted } = helpers(env);
    const { server, dev, prod } = await start(['stores']);
    expect(prod).toMatch(/^\d{12}$/);
    expect((await ask(server, prod, 'stores')).body.state).toBe('active');
    expect((await ask(server, dev, 'stores')).body.state).toBe('active');
    expect(granted(prod, 'stores')).toEqual(['*: SELECT,DESCRIBE']);
    expect(granted(dev, 'stores')).toEqual([
      'regions: SELECT,DESCRIBE',
      'stores: SELECT,DESCRIBE',
    ]);
  });
});
