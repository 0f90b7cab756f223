import request from 'supertest';
import { ConfigReader } from '@backstage/config';
import { suiteConfigFor } from '@mlgov/aws-emulator';
import {
  MlAwsClients,
  deleteResourceLink,
} from '@mlgov/plugin-ml-environments-node';
import { GUEST, asUser, demoBackend } from './__testUtils__/demoBackend';
import {
  ADMIN,
  DATA_LAKE,
  PROJECT,
  accountOf,
  dataLakeConfig,
  postAs,
  startDataLakeBackend,
} from './__testUtils__/dataLakeBackend';

// A grant as a notebook uses it: the project's grants list says which link
// to query and whether the project account holds all of it now.
describe('data grants: access in the project account', () => {
  const env = demoBackend();
  const { emulator } = env;

  /** A backend whose lists read an active grant's access again after `ttl`. */
  async function start(accessCacheTtl: object) {
    const server = await startDataLakeBackend(env, {
      members: {
        [GUEST]: ['group:default/team-churn'],
        [ADMIN]: ['group:default/platform-team'],
      },
      dataLake: { ...dataLakeConfig(), accessCacheTtl },
    });
    const dev = await accountOf(server, PROJECT, 'dev');
    const ask = () =>
      postAs(server, asUser(GUEST), `/projects/${PROJECT}/data-grants`, {
        accountId: dev,
        database: 'stores',
        reason: 'Store regions for the churn model',
      });
    const listed = async (who = GUEST) =>
      (
        await request(server)
          .get(`/api/ml-environments/data-grants?project=${PROJECT}`)
          .set('authorization', asUser(who))
      ).body.items.find((g: any) => g.database === 'stores');
    return { dev, ask, listed };
  }
  /** The calls AWS served to read data access (Lake Formation, Glue). */
  const accessReads = () =>
    Object.entries(emulator().callCounts())
      .filter(([call]) => /^(lakeformation|glue):(Get|List)/.test(call))
      .reduce((sum, [, n]) => sum + n, 0);

  it('reads an active grant from AWS once per cache time, whoever lists; asking again reads it anew', async () => {
    const { ask, listed } = await start({ minutes: 10 });
    expect((await ask()).body.state).toBe('active');
    expect((await listed()).access.state).toBe('in-sync');
    const read = accessReads();
    expect((await listed(ADMIN)).access.state).toBe('in-sync');
    expect((await listed()).access.state).toBe('in-sync');
    expect(accessReads()).toBe(read);

    expect((await ask()).status).toBe(200);
    const afterAsk = accessReads();
    expect((await listed()).access.state).toBe('in-sync');
    expect(accessReads()).toBeGreaterThan(afterAsk);
  });

  it('shows an active grant in sync, then its missing link as drift with what to do; asking again repairs it', async () => {
    const { dev, ask, listed } = await start({ seconds: 0 });

    expect((await ask()).body.state).toBe('active');
    const granted = await listed();
    expect(granted.access).toMatchObject({
      link: 'stores_link',
      state: 'in-sync',
      problems: [],
    });
    expect(granted.access.roles.length).toBeGreaterThan(0);
    for (const role of granted.access.roles) {
      expect(role).toMatch(new RegExp(`^arn:aws:iam::${dev}:role/`));
    }

    // A data lake administrator of the account deletes the link by hand.
    const admin = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator().url)),
    );
    await deleteResourceLink((await admin.forAccount(dev)).glue, {
      catalogId: DATA_LAKE,
      database: 'stores',
      accountId: dev,
    });
    const drifted = await listed();
    expect(drifted.access.state).toBe('drift');
    expect(drifted.access.problems).toEqual([
      expect.stringMatching(
        /^The resource link stores_link to stores is missing in \d{12} .*: notebooks cannot query it; ask for the database again/,
      ),
    ]);

    // Asked again: the same grant, applied again.
    const again = await ask();
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(granted.id);
    expect((await listed()).access).toMatchObject({
      state: 'in-sync',
      roles: granted.access.roles,
    });
  });
});
