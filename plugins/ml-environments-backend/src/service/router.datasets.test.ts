import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  GUEST,
  asUser,
  demoBackend,
  membersOf,
} from './__testUtils__/demoBackend';

const DATA_LAKE = '100000000011';
const members = membersOf({ [GUEST]: ['group:default/team-churn'] });

describe('GET /datasets', () => {
  const { startBackend } = demoBackend();

  const start = (services: any[], dataLake?: object) =>
    startBackend([members, ...services], [], {}, dataLake ? { dataLake } : {});
  const get = (server: any) =>
    request(server)
      .get('/api/ml-environments/datasets')
      .set('authorization', asUser(GUEST));

  it("lists the data lake's databases with their descriptions to a signed-in user", async () => {
    const { server } = await start([], { accountId: DATA_LAKE });
    const res = await get(server);
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: any) => d.name)).toEqual([
      'customers',
      'sales',
      'stores',
      'web_events',
    ]);
    expect(res.body.items[0]).toEqual({
      name: 'customers',
      description: 'Customer accounts and their churn labels',
    });
  });

  it('is refused without ml-environments.status.read', async () => {
    const denied = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.DENY }],
    }).factory;
    const { server } = await start([denied], { accountId: DATA_LAKE });
    const res = await get(server);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('ml-environments.status.read');
  });

  it('says which setting is missing when no data lake is configured', async () => {
    const { server } = await start([]);
    const res = await get(server);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      'mlEnvironments.dataLake.accountId',
    );
  });
});
