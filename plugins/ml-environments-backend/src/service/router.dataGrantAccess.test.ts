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
  postAs,
  startDataLakeBackend,
} from './__testUtils__/dataLakeBackend';

// A grant as a notebook uses it: the project's grants list says which link
// to query and whether the project account holds all of it now.
describe('data grants: access in the project account', () => {
  const env = demoBackend();
  const { emulator } = env;

  it('shows an active grant in sync, then its missing link as drift with what to do; asking again repairs it', async () => {
    const server = await startDataLakeBackend(env, {
      members: {
        [GUEST]: ['group:default/team-churn'],
        [ADMIN]: ['group:default/platform-team'],
      },
    });
    const dev = await accountOf(server, PROJECT, 'dev');
    const ask = () =>
      postAs(server, asUser(GUEST), `/projects/${PROJECT}/data-grants`, {
        accountId: dev,
        database: 'stores',
        reason: 'Store regions for the churn model',
      });
    const listed = async () =>
      (
        await request(server)
          .get(`/api/ml-environments/data-grants?project=${PROJECT}`)
          .set('authorization', asUser(GUEST))
      ).body.items.find((g: any) => g.database === 'stores');

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
