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
import { Entity } from '@backstage/catalog-model';
import { mlEnvironmentsPlugin } from '../plugin';
import { refreshAndWait, refreshEnd } from './__testUtils__/refresh';

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

const group = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [] },
});

/** The demo seed's projects as the platform team adopts them in app-config. */
const adopt = [
  { project: 'churn-prediction', owner: 'group:default/team-churn' },
  { project: 'fraud-detection', owner: 'group:default/team-fraud' },
  { project: 'nlp-playground', owner: 'group:default/team-churn' },
];

/** Users and the groups they belong to, answered per request's user. */
function membersOf(members: Record<string, string[]>) {
  return mockServices.userInfo.mock({
    getUserInfo: async (credentials: any) => {
      const ref = credentials.principal.userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(members[ref] ?? [])],
      };
    },
  }).factory;
}

const GUEST = 'user:default/guest';
const MALLORY = 'user:default/mallory';
const asUser = (ref: string) => mockCredentials.user.header(ref);

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
  function startBackend(
    services: any[],
    catalogEntities: Entity[] = [],
    status: object = {},
  ) {
    return startTestBackend({
      features: [
        mlEnvironmentsPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...suiteConfigFor(emulator.url),
            mlEnvironments: {
              ...suiteConfigFor(emulator.url).mlEnvironments,
              projects: { adopt },
              status,
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            churnSystem,
            ...catalogEntities,
            group('team-churn'),
            group('team-fraud'),
          ],
        }),
        ...services,
      ],
    });
  }

  async function backend(
    userInfo = userInfoOf('user:default/guest', ['group:default/team-churn']),
    catalogEntities: Entity[] = [],
    status: object = {},
  ) {
    const { server } = await startBackend([userInfo], catalogEntities, status);
    const user = mockCredentials.user.header('user:default/guest');
    expect((await refreshAndWait(server, user)).body.state).toBe('succeeded');
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
    // Its tags name no owner; the suite's record (adopted) does.
    expect(
      res.body.root.accounts.find((a: any) => a.name === 'fraud-detection-prod')
        .owner,
    ).toBe('group:default/team-fraud');
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
        new RegExp(`^request/body/${field}`),
      );
    }
  });

  it('refuses, from the OpenAPI document, any request it does not allow', async () => {
    const { server, user } = await backend();
    const cases: Array<[string, string, object | undefined, RegExp]> = [
      [
        'post',
        '/api/ml-environments/evaluate',
        { accountId: '230000000001', actions: ['s3:GetObject'], extra: 1 },
        /must NOT have additional properties/,
      ],
      [
        'post',
        '/api/ml-environments/evaluate',
        {
          accountId: '230000000001',
          actions: Array.from({ length: 51 }, () => 's3:GetObject'),
        },
        /^request\/body\/actions must NOT have more than 50 items/,
      ],
      [
        'get',
        '/api/ml-environments/audit?limit=5000',
        undefined,
        /^request\/query\/limit must be <= 1000/,
      ],
      [
        'get',
        '/api/ml-environments/audit?unknown=1',
        undefined,
        /Unknown query parameter 'unknown'/,
      ],
      [
        'post',
        '/api/ml-environments/projects/new-project/provisioning',
        { owner: 'group:default/team-churn', pattern: 'mlops' },
        /^request\/body must have required property 'taskId'/,
      ],
      [
        'post',
        '/api/ml-environments/projects/new-project/provisioning',
        { owner: 'group:default/team-churn', pattern: 'prod', taskId: 't' },
        /^request\/body\/pattern must be equal to one of the allowed values/,
      ],
      [
        'post',
        '/api/ml-environments/projects/new-project/provisioning/complete',
        { taskId: 't', accounts: [{ stage: 'dev', accountId: '12' }] },
        /^request\/body\/accounts\/0\/accountId must match pattern/,
      ],
      [
        'get',
        '/api/ml-environments/targets/not-an-id/guardrails',
        undefined,
        /^request\/params\/id must match pattern/,
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await (request(server) as any)
        [method](path)
        .set('authorization', user)
        .send(body);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toMatch(message);
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
      /^request\/params\/project must match pattern/,
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

  it("reads a recorded project's accounts from the record, not from tags others can set", async () => {
    const { server, user } = await backend(undefined, [], {
      refreshMinInterval: { seconds: 0 },
    });
    // Tags are anyone's to write: another team's dev account retagged to
    // pass for churn-prediction's, and churn-prediction's own dev account
    // retagged away.
    const tags = (id: string) => emulator.state.accounts.get(id)!.tags;
    tags('210000000011')['ml-project'] = 'churn-prediction';
    tags('200000000011')['ml-project'] = 'somewhere-else';
    try {
      expect((await refreshAndWait(server, user)).body.state).toBe('succeeded');
      const layout = await request(server)
        .get('/api/ml-environments/projects/churn-prediction')
        .set('authorization', user);
      expect(layout.status).toBe(200);
      expect(layout.body.accounts.map((a: any) => a.id).sort()).toEqual([
        '200000000011',
        '200000000012',
        '200000000013',
        '200000000014',
      ]);
      expect(
        layout.body.accounts.find((a: any) => a.id === '200000000011'),
      ).toMatchObject({
        stage: 'dev',
        controlTower: { ouRegistered: true, enrolmentPending: false },
      });
      expect(layout.body.landingZone).toMatchObject({ drifted: false });
      const studio = await request(server)
        .post('/api/ml-environments/projects/churn-prediction/studio-url')
        .set('authorization', user);
      expect(studio.status).toBe(200);
    } finally {
      tags('210000000011')['ml-project'] = 'fraud-detection';
      tags('200000000011')['ml-project'] = 'churn-prediction';
    }
  });

  describe("the suite's record decides who owns a project", () => {
    const teams = membersOf({
      [GUEST]: ['group:default/team-churn'],
      [MALLORY]: ['group:default/team-fraud'],
    });
    const claim = (server: any, who: string, project: string, body: object) =>
      request(server)
        .post(`/api/ml-environments/projects/${project}/provisioning`)
        .set('authorization', asUser(who))
        .send({ pattern: 'mlops', taskId: 'task-1', ...body });

    it("refuses a takeover of another team's project, and serves its real owner", async () => {
      const { server } = await backend(teams);
      const takeover = await claim(server, GUEST, 'fraud-detection', {
        owner: 'group:default/team-churn',
      });
      expect(takeover.status).toBe(403);
      expect(takeover.body.error.message).toBe(
        'user:default/guest may not provision ML project fraud-detection: it is owned by group:default/team-fraud, and only its members can change it',
      );
      const record = await request(server)
        .get('/api/ml-environments/projects/fraud-detection/record')
        .set('authorization', asUser(MALLORY));
      expect(record.body).toMatchObject({
        owner: 'group:default/team-fraud',
        pattern: 'mlops',
        origin: 'adopted',
      });
      expect(record.body.accounts).toHaveLength(4);

      const owner = await claim(server, MALLORY, 'fraud-detection', {
        owner: 'group:default/team-fraud',
      });
      expect(owner.status).toBe(200);
      expect(owner.body.record.lock).toMatchObject({
        taskId: 'task-1',
        by: MALLORY,
      });

      const audit = await request(server)
        .get('/api/ml-environments/audit?project=fraud-detection')
        .set('authorization', asUser(MALLORY));
      expect(audit.body.items.map((e: any) => [e.action, e.actor])).toEqual([
        ['provision.start', MALLORY],
        ['provision.refused', GUEST],
        ['adopt', 'config:mlEnvironments.projects.adopt'],
      ]);
    });

    it("refuses a pattern other than the project's recorded one", async () => {
      const { server } = await backend(teams);
      const mixed = await claim(server, GUEST, 'nlp-playground', {
        owner: 'group:default/team-churn',
      });
      expect(mixed.status).toBe(409);
      expect(mixed.body.error.message).toMatch(
        /^ML project nlp-playground follows the sandbox pattern, not mlops/,
      );
    });

    it('ignores catalog Systems that claim a project: no annotation grants or locks out Studio', async () => {
      const claimant = {
        ...churnSystem,
        metadata: {
          name: 'not-fraud-detection',
          annotations: {
            'ml-environments.io/project': 'fraud-detection',
            'ml-environments.io/pattern': 'mlops',
          },
        },
        spec: { owner: 'group:default/team-churn' },
      };
      const squatter = {
        ...churnSystem,
        metadata: { ...churnSystem.metadata, name: 'aaa-churn-squatter' },
        spec: { owner: 'group:default/team-fraud' },
      };
      const { server } = await backend(teams, [squatter, claimant]);
      const stolen = await request(server)
        .post('/api/ml-environments/projects/fraud-detection/studio-url')
        .set('authorization', asUser(GUEST));
      expect(stolen.status).toBe(403);
      expect(stolen.body.error.message).toBe(
        'Only members of group:default/team-fraud, which owns fraud-detection, can open its SageMaker Studio',
      );
      const own = await request(server)
        .post('/api/ml-environments/projects/churn-prediction/studio-url')
        .set('authorization', asUser(GUEST));
      expect(own.status).toBe(200);
      expect(own.body.url).toMatch(/^https:\/\/d-/);
    });

    it('starts a new project for a group the user is in, one task at a time', async () => {
      const { server } = await backend(teams);
      const first = await claim(server, GUEST, 'credit-risk', {
        owner: 'group:default/team-churn',
      });
      expect(first.status).toBe(200);
      expect(first.body.record).toMatchObject({
        owner: 'group:default/team-churn',
        origin: 'provisioned',
        createdBy: GUEST,
      });
      const second = await claim(server, GUEST, 'credit-risk', {
        owner: 'group:default/team-churn',
        taskId: 'task-2',
      });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toBe(
        'ML project credit-risk is being provisioned by task task-1 (started by user:default/guest); wait for it to finish, then run again',
      );
      const done = await request(server)
        .post('/api/ml-environments/projects/credit-risk/provisioning/complete')
        .set('authorization', asUser(GUEST))
        .send({
          taskId: 'task-1',
          accounts: [{ stage: 'dev', accountId: '123456789012' }],
        });
      expect(done.status).toBe(200);
      expect(done.body.lock).toBeUndefined();
      expect(done.body.accounts).toEqual([
        { stage: 'dev', accountId: '123456789012' },
      ]);
      const rerun = await claim(server, GUEST, 'credit-risk', {
        owner: 'group:default/team-churn',
        taskId: 'task-2',
      });
      expect(rerun.status).toBe(200);
    });

    it.each([
      [
        'a group the user is not in',
        'new-project',
        'group:default/team-fraud',
        403,
        "user:default/guest is not a member of group:default/team-fraud; pick a group you belong to as the project's owner",
      ],
      [
        'a group missing from the catalog',
        'new-project',
        'group:default/team-churn-typo',
        400,
        'Owner group:default/team-churn-typo is not a Group in the catalog; pick an existing group',
      ],
      [
        'a name that AWS accounts outside the record carry',
        'demand-forecast',
        'group:default/team-churn',
        409,
        'The name demand-forecast is taken: AWS accounts 220000000011 are tagged ml-project=demand-forecast but the suite has no record of that project; choose another name, or ask an administrator to adopt it',
      ],
    ])(
      'refuses a new project owned by %s',
      async (_, project, owner, status, message) => {
        const { server } = await backend(
          membersOf({
            [GUEST]: [
              'group:default/team-churn',
              'group:default/team-churn-typo',
            ],
          }),
        );
        const res = await claim(server, GUEST, project, { owner });
        expect(res.status).toBe(status);
        expect(res.body.error.message).toBe(message);
      },
    );

    it('moves a project to another owner only by transfer, audited', async () => {
      const { server } = await backend(teams);
      const moved = await request(server)
        .post('/api/ml-environments/projects/churn-prediction/transfer')
        .set('authorization', asUser(GUEST))
        .send({ owner: 'group:default/team-fraud', reason: 'team merger' });
      expect(moved.status).toBe(200);
      expect(moved.body.owner).toBe('group:default/team-fraud');
      const formerOwner = await request(server)
        .post('/api/ml-environments/projects/churn-prediction/studio-url')
        .set('authorization', asUser(GUEST));
      expect(formerOwner.status).toBe(403);
      const audit = await request(server)
        .get('/api/ml-environments/audit?project=churn-prediction&limit=1')
        .set('authorization', asUser(GUEST));
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'transfer',
          actor: GUEST,
          detail: {
            from: 'group:default/team-churn',
            to: 'group:default/team-fraud',
            reason: 'team merger',
          },
        }),
      ]);
    });
  });

  it('says why there is no snapshot when the first refresh failed', async () => {
    const faults = (body: object) =>
      fetch(`${emulator.url}/_emulator/config`, {
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
      Object.values(emulator.callCounts()).reduce((a, b) => a + b, 0);
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
