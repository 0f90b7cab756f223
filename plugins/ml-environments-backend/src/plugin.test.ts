import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { mlEnvironmentsPlugin } from './plugin';

describe('mlEnvironmentsPlugin', () => {
  it('lists the account patterns to an allowed user', async () => {
    const { server } = await startTestBackend({
      features: [mlEnvironmentsPlugin],
    });

    const res = await request(server)
      .get('/api/ml-environments/patterns')
      .set('authorization', mockCredentials.user.header());

    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([
      'sandbox',
      'dev',
      'mlops',
    ]);
  });

  it('refuses a user whom the permission policy denies', async () => {
    const { server } = await startTestBackend({
      features: [
        mlEnvironmentsPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });

    const res = await request(server).get('/api/ml-environments/patterns');

    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('ml-environments.status.read');
  });

  it('refuses unauthenticated requests', async () => {
    const { server } = await startTestBackend({
      features: [mlEnvironmentsPlugin],
    });

    const res = await request(server)
      .get('/api/ml-environments/patterns')
      .set('authorization', mockCredentials.none.header());

    expect(res.status).toBe(401);
  });

  it('fails to start on a malformed AWS setting, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          mlEnvironmentsPlugin,
          mockServices.rootConfig.factory({
            data: { mlEnvironments: { aws: { endpoint: 'localhost:4599' } } },
          }),
        ],
      }),
    ).rejects.toThrow(/mlEnvironments\.aws\.endpoint/);
  });
});
