import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { refreshAndWait } from './__testUtils__/refresh';
import { userInfoOf, demoBackend } from './__testUtils__/demoBackend';

describe('ml-environments routes on the demo organization', () => {
  const { backend, emulator } = demoBackend();

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

  it("names the resources behind an account's violated control, not only their count", async () => {
    const { server, user } = await backend();
    const res = await request(server)
      .get('/api/ml-environments/targets/210000000011/guardrails')
      .set('authorization', user);
    const publicRead = res.body.guardrails.find(
      (g: any) => g.guardrailId === 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
    );
    expect(publicRead.state).toBe('non-compliant');
    // The seed's compliant bucket in the same account is not named.
    expect(publicRead.resources).toEqual([
      { type: 'AWS::S3::Bucket', id: 'fraud-detection-dev-exports' },
    ]);
    const ok = res.body.guardrails.filter((g: any) => g.state === 'ok');
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.every((g: any) => g.resources === undefined)).toBe(true);
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
          'aws:RequestTag/cost-center': 'CC-3001',
          'aws:RequestTag/ml-project': 'vision-lab',
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
      // The emulator's own Studio page stands in for Studio's host.
      /\/_studio\/d-[a-z0-9]+\/auth\?token=/,
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

    // A member of the owner group makes her own profile, once, then gets in.
    const jane = mockCredentials.user.header('user:default/jane');
    const make = () =>
      request(noProfile.server)
        .post('/api/ml-environments/projects/churn-prediction/studio-profile')
        .set('authorization', jane);
    expect((await make()).body).toEqual({
      userProfileName: 'jane',
      created: true,
    });
    expect((await make()).body.created).toBe(false);
    const inside = await request(noProfile.server)
      .post('/api/ml-environments/projects/churn-prediction/studio-url')
      .set('authorization', jane);
    expect(inside.status).toBe(200);
    const profiles = [...emulator().state.userProfiles.values()].filter(
      p => p.name === 'jane',
    );
    expect(profiles).toHaveLength(1);
    // Nobody makes a profile in another team's project.
    const intruder = await request(outsider.server)
      .post('/api/ml-environments/projects/churn-prediction/studio-profile')
      .set(
        'authorization',
        mockCredentials.user.header('user:default/mallory'),
      );
    expect(intruder.status).toBe(403);
  });

  it("reads a recorded project's accounts from the record, not from tags others can set", async () => {
    const { server, user } = await backend(undefined, [], {
      refreshMinInterval: { seconds: 0 },
    });
    // Tags are anyone's to write: another team's dev account retagged to
    // pass for churn-prediction's, and churn-prediction's own dev account
    // retagged away.
    const tags = (id: string) => emulator().state.accounts.get(id)!.tags;
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
});
