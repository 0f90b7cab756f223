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
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import { resolve } from 'node:path';
import request from 'supertest';
import { mlEnvironmentsPlugin } from '../plugin';

const churnSystem = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'churn-prediction',
    annotations: {
      'ml-environments.io/project': 'churn-prediction',
      'ml-environments.io/pattern': 'mlops',
    },
  },
  spec: { owner: 'group:default/team-churn' },
};

function userInfoOf(userEntityRef: string, groups: string[]) {
  return mockServices.userInfo.mock({
    getUserInfo: async () => ({
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, ...groups],
    }),
  }).factory;
}

describe('ml-environments routes on the demo organization', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
      config: { asyncDelayMs: 0 },
    });
  });
  afterAll(() => emulator.close());

  /** A test backend on the emulator; pass services to replace the defaults. */
  function startBackend(services: any[]) {
    return startTestBackend({
      features: [
        mlEnvironmentsPlugin,
        mockServices.rootConfig.factory({ data: suiteConfigFor(emulator.url) }),
        catalogServiceMock.factory({ entities: [churnSystem] }),
        ...services,
      ],
    });
  }

  async function backend(
    userInfo = userInfoOf('user:default/guest', ['group:default/team-churn']),
  ) {
    const { server } = await startBackend([userInfo]);
    const user = mockCredentials.user.header('user:default/guest');
    await request(server)
      .post('/api/ml-environments/refresh')
      .set('authorization', user)
      .expect(200);
    return { server, user };
  }

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

  it('reports the organization with status roll-ups', async () => {
    const { server, user } = await backend();
    const res = await request(server)
      .get('/api/ml-environments/organization')
      .set('authorization', user);
    expect(res.status).toBe(200);
    const workloads = res.body.root.children.find(
      (c: any) => c.name === 'Workloads',
    );
    const preprod = workloads.children.find(
      (c: any) => c.name === 'Workloads_PreProd',
    );
    expect(preprod.state).toBe('missing');
    expect(
      preprod.guardrails
        .filter((g: any) => g.state !== 'ok')
        .map((g: any) => [g.guardrailId, g.state]),
    ).toEqual([['require-vpc', 'missing']]);
    expect(
      res.body.root.accounts.map((a: any) => [a.name, a.state]),
    ).toContainEqual(['fraud-detection-prod', 'missing']);
  });

  it("shows a project's layout, guardrails and effective permissions", async () => {
    const { server, user } = await backend();
    const res = await request(server)
      .get('/api/ml-environments/projects/churn-prediction')
      .set('authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.pattern).toBe('mlops');
    expect(
      res.body.accounts.map((a: any) => [a.stage, a.ouPath, a.state]),
    ).toEqual(
      expect.arrayContaining([
        ['dev', 'Workloads/Workloads_Dev', 'ok'],
        ['preprod', 'Workloads/Workloads_PreProd', 'missing'],
        ['prod', 'Workloads/Workloads_Prod', 'drifted'],
      ]),
    );
    const dev = res.body.accounts.find((a: any) => a.stage === 'dev');
    expect(
      dev.effectivePermissions.find((p: any) => p.check === 'endpoint')
        .explanation,
    ).toBe(
      'sagemaker:CreateEndpoint is denied by mlgov-deny-sagemaker-hosting (DenySageMakerRealtimeHosting) on Workloads/Workloads_Dev',
    );
  });

  it('answers one target with its guardrails, and 404 for an unknown one', async () => {
    const { server, user } = await backend();
    const misplaced = await request(server)
      .get('/api/ml-environments/targets/210000000013/guardrails')
      .set('authorization', user);
    expect(misplaced.body.state).toBe('missing');
    expect(misplaced.body.kind).toBe('account');
    const unknown = await request(server)
      .get('/api/ml-environments/targets/999999999999/guardrails')
      .set('authorization', user);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No OU or account 999999999999 in the organization',
    );
  });

  it('evaluates actions for an account and names bad fields', async () => {
    const { server, user } = await backend();
    const ok = await request(server)
      .post('/api/ml-environments/evaluate')
      .set('authorization', user)
      .send({
        accountId: '230000000001',
        actions: ['sagemaker:CreateTrainingJob'],
        context: {
          'sagemaker:InstanceTypes': ['ml.p4d.24xlarge'],
          'aws:RequestTag/CostCenter': 'CC-3001',
          'aws:RequestTag/Project': 'vision-lab',
        },
      });
    expect(ok.body.items[0]).toMatchObject({
      decision: 'denied',
      decidedBy: { policy: 'mlgov-allowed-instance-types' },
    });
    for (const [body, field] of [
      [{ accountId: '123', actions: ['s3:GetObject'] }, 'accountId'],
      [{ accountId: '230000000001', actions: [] }, 'actions'],
      [{ accountId: '230000000001', actions: ['not an action'] }, 'actions'],
      [
        { accountId: '230000000001', actions: ['s3:GetObject'], context: 'x' },
        'context',
      ],
    ] as const) {
      const res = await request(server)
        .post('/api/ml-environments/evaluate')
        .set('authorization', user)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        new RegExp(`^Body field ${field} `),
      );
    }
  });

  it('answers 404 for an unknown project and 400 for a malformed name', async () => {
    const { server, user } = await backend();
    const unknown = await request(server)
      .get('/api/ml-environments/projects/no-such-project')
      .set('authorization', user);
    expect(unknown.status).toBe(404);
    const bad = await request(server)
      .get('/api/ml-environments/projects/Bad_Name')
      .set('authorization', user);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^Path parameter project: 'Bad_Name' is not a valid ML project name/,
    );
  });

  it("gives a project member a short-lived URL for their own Studio profile, and nobody else's", async () => {
    const { server, user } = await backend();
    const res = await request(server)
      .post('/api/ml-environments/projects/churn-prediction/studio-url')
      .set('authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(
      /^https:\/\/d-[a-z0-9]+\.studio\.us-east-1\.sagemaker\.aws\/auth\?token=/,
    );
    expect(res.body.expiresInSeconds).toBeLessThanOrEqual(300);
    expect(res.headers['cache-control']).toBe('no-store');

    const outsider = await backend(
      userInfoOf('user:default/mallory', ['group:default/team-fraud']),
    );
    const denied = await request(outsider.server)
      .post('/api/ml-environments/projects/churn-prediction/studio-url')
      .set(
        'authorization',
        mockCredentials.user.header('user:default/mallory'),
      );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain(
      'Only members of group:default/team-churn',
    );

    const noProfile = await backend(
      userInfoOf('user:default/jane', ['group:default/team-churn']),
    );
    const missing = await request(noProfile.server)
      .post('/api/ml-environments/projects/churn-prediction/studio-url')
      .set('authorization', mockCredentials.user.header('user:default/jane'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain(
      "no SageMaker Studio user profile 'jane'",
    );
  });

  it('refuses every route without permission, and without credentials', async () => {
    const { server } = await backend();
    const routes: Array<[string, string]> = [
      ['get', '/api/ml-environments/organization'],
      ['get', '/api/ml-environments/projects/churn-prediction'],
      ['get', '/api/ml-environments/targets/r-demo/guardrails'],
      ['post', '/api/ml-environments/evaluate'],
      ['post', '/api/ml-environments/projects/churn-prediction/studio-url'],
      ['post', '/api/ml-environments/refresh'],
      ['get', '/api/ml-environments/patterns'],
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
    for (const [method, path] of routes) {
      const res = await (request(locked) as any)
        [method](path)
        .set('authorization', mockCredentials.user.header());
      expect(res.status).toBe(403);
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
