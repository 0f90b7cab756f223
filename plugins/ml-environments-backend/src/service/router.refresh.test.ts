import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { mlEnvironmentsPlugin } from '../plugin';
import { refreshAndWait, refreshEnd } from './__testUtils__/refresh';
import {
  GUEST,
  asUser,
  userInfoOf,
  demoBackend,
} from './__testUtils__/demoBackend';

describe('ml-environments refresh and refusals', () => {
  const { startBackend, backend, emulator } = demoBackend();

  it('refreshes when a template announces a provisioned project, then announces the snapshot', async () => {
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
      useEventBus: 'never',
    });
    const refreshed = new Promise(announce =>
      events.subscribe({
        id: 'test',
        topics: ['ml-environments.snapshot-refreshed'],
        onEvent: async event => announce(event),
      }),
    );
    const { server } = await startBackend([
      userInfoOf('user:default/guest', ['group:default/team-churn']),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
    ]);
    const user = mockCredentials.user.header('user:default/guest');
    const organization = () =>
      request(server)
        .get('/api/ml-environments/organization')
        .set('authorization', user);
    expect((await organization()).status).toBe(503);

    await events.publish({
      topic: 'ml-environments.project-provisioned',
      eventPayload: { project: 'churn-prediction', accountIds: [] },
    });
    expect(await refreshed).toMatchObject({
      eventPayload: { takenAt: expect.any(String) },
    });
    expect((await organization()).status).toBe(200);
  });

  it('says why there is no snapshot when the first refresh failed', async () => {
    const faults = (body: object) =>
      fetch(`${emulator().url}/_emulator/config`, {
        method: 'PUT',
        body: JSON.stringify({ faults: body }),
      });
    await faults({
      rate: 1,
      errors: ['AccessDeniedException'],
      operations: ['organizations:DescribeOrganization'],
    });
    try {
      const { server } = await startBackend([
        userInfoOf(GUEST, ['group:default/platform-team']),
      ]);
      const failed = await refreshAndWait(server, asUser(GUEST));
      expect(failed.body).toMatchObject({
        state: 'failed',
        error: expect.stringMatching(/^AccessDeniedException: /),
      });
      const none = await request(server)
        .get('/api/ml-environments/organization')
        .set('authorization', asUser(GUEST));
      expect(none.status).toBe(503);
      expect(none.body.error.message).toMatch(
        /^No snapshot of the organization yet: the refresh at .* failed \(.*AccessDeniedException.*\); the next scheduled refresh tries again$/,
      );
    } finally {
      await faults({ rate: 0, operations: [] });
    }
  });

  it('joins concurrent refreshes and limits them per interval, with Retry-After', async () => {
    const total = () =>
      Object.values(emulator().callCounts()).reduce((a, b) => a + b, 0);
    let before = total();
    const { server } = await backend();
    const oneSnapshot = total() - before;
    expect(oneSnapshot).toBeGreaterThan(50);

    const { server: fresh } = await startBackend([
      userInfoOf(GUEST, ['group:default/team-churn']),
    ]);
    before = total();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(fresh)
          .post('/api/ml-environments/refresh')
          .set('authorization', asUser(GUEST)),
      ),
    );
    expect(answers.map(a => a.status)).toEqual(Array(20).fill(202));
    const ids = new Set(answers.map(a => a.body.refreshId));
    expect(ids.size).toBe(1);
    expect(
      (await refreshEnd(fresh, asUser(GUEST), [...ids][0])).body.state,
    ).toBe('succeeded');
    expect(total() - before).toBeLessThanOrEqual(oneSnapshot);

    const again = await request(server)
      .post('/api/ml-environments/refresh')
      .set('authorization', asUser(GUEST));
    expect(again.status).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses every route without permission, and without credentials', async () => {
    const { server } = await backend();
    // Bodies the spec allows, so that what refuses them is the permission.
    const routes: Array<[string, string, object?]> = [
      ['get', '/api/ml-environments/organization'],
      ['get', '/api/ml-environments/projects/churn-prediction'],
      ['get', '/api/ml-environments/targets/r-demo/guardrails'],
      [
        'post',
        '/api/ml-environments/evaluate',
        { accountId: '111111111111', actions: ['sagemaker:CreateEndpoint'] },
      ],
      ['post', '/api/ml-environments/projects/churn-prediction/studio-url'],
      ['post', '/api/ml-environments/refresh'],
      ['get', '/api/ml-environments/audit'],
      [
        'post',
        '/api/ml-environments/projects/new-project/adopt',
        { owner: 'group:default/team-churn' },
      ],
      [
        'post',
        '/api/ml-environments/projects/new-project/provisioning',
        { owner: 'group:default/team-churn', pattern: 'mlops', taskId: 't-1' },
      ],
    ];
    for (const [method, path] of routes) {
      const res = await (request(server) as any)
        [method](path)
        .set('authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
    const { server: locked } = await startBackend([
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    for (const [method, path, body] of routes) {
      const res = await (request(locked) as any)
        [method](path)
        .set('authorization', mockCredentials.user.header())
        .send(body);
      expect([path, res.status]).toEqual([path, 403]);
    }
  });

  it('fails to start on a malformed AWS setting, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          mlEnvironmentsPlugin,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({
            data: { mlEnvironments: { aws: { endpoint: 'localhost:4599' } } },
          }),
        ],
      }),
    ).rejects.toThrow(/mlEnvironments\.aws\.endpoint/);
  });
});
