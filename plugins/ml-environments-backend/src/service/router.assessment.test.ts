import { mockCredentials } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import request from 'supertest';
import {
  GUEST,
  MALLORY,
  asUser,
  demoBackend,
  membersOf,
} from './__testUtils__/demoBackend';
import { refreshOrThrow } from './__testUtils__/refresh';

const ADMIN = 'user:default/admin';
const DEV = '200000000011';
const PREPROD = '200000000012';
const assessment = (project: string) =>
  `/api/ml-environments/projects/${project}/guardrails/assessment`;

// The demo organization's drift: require-vpc is missing from
// Workloads_PreProd, so training without a VPC goes through there.
describe('GET /projects/{project}/guardrails/assessment on the demo organization', () => {
  const { startBackend } = demoBackend();
  let server: any;

  beforeAll(async () => {
    ({ server } = await startBackend(
      [
        membersOf({
          [GUEST]: ['group:default/team-churn'],
          [MALLORY]: ['group:default/team-fraud'],
          [ADMIN]: ['group:default/platform-team'],
        }),
      ],
      [],
      {},
      { permissions: { adminGroups: ['group:default/platform-team'] } },
    ));
    await refreshOrThrow(server, asUser(ADMIN));
  });

  const callsOf = (body: any, accountId: string) =>
    Object.fromEntries(
      body.accounts
        .find((a: any) => a.accountId === accountId)
        .calls.map((c: any) => [c.check, c]),
    );

  it("runs the guide's test in each recorded account: the dev endpoint deploy denied, naming the statement", async () => {
    const res = await request(server)
      .get(assessment('churn-prediction'))
      .set('authorization', asUser(GUEST));
    expect(res.status).toBe(200);
    expect(res.body.project).toBe('churn-prediction');
    expect(res.body.accounts.map((a: any) => a.stage)).toEqual(
      expect.arrayContaining(['dev', 'preprod', 'prod']),
    );
    const dev = callsOf(res.body, DEV);
    expect(dev['deploy-endpoint']).toMatchObject({
      action: 'sagemaker:CreateEndpoint',
      decision: 'denied',
      expected: 'denied',
      asIntended: true,
      policy: 'mlgov-deny-sagemaker-hosting',
      statement: 'DenySageMakerRealtimeHosting',
    });
    expect(dev['train-without-vpc']).toMatchObject({
      decision: 'denied',
      policy: 'mlgov-require-vpc',
      statement: 'VPCDeployment',
    });
  });

  it('shows where the SCPs are not what the OU should carry: no VPC in preprod', async () => {
    const res = await request(server)
      .get(assessment('churn-prediction'))
      .set('authorization', asUser(GUEST));
    const preprod = res.body.accounts.find((a: any) => a.accountId === PREPROD);
    expect(preprod.ouPath).toBe('Workloads/Workloads_PreProd');
    expect(callsOf(res.body, PREPROD)['train-without-vpc']).toMatchObject({
      decision: 'allowed',
      expected: 'denied',
      asIntended: false,
      expectedPolicy: 'mlgov-require-vpc',
    });
  });

  it('answers 404 for a project the suite has no record of, whoever asks', async () => {
    const res = await request(server)
      .get(assessment('no-such-project'))
      .set('authorization', asUser(ADMIN));
    expect(res.status).toBe(404);
  });

  it('refuses an anonymous caller', async () => {
    const res = await request(server)
      .get(assessment('churn-prediction'))
      .set('authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});

// A first read publishes the snapshot section by section: asked while the
// OUs, tags or SCPs are still loading, the assessment would judge accounts
// without their SCPs, so it fails closed as the other routes do.
describe('GET /projects/{project}/guardrails/assessment during the first read', () => {
  const { startBackend } = demoBackend();

  it('answers 503 with Retry-After while the snapshot is loading, and the assessment once it is read', async () => {
    const started: { server?: any } = {};
    const during: request.Response[] = [];
    // Each stage's snapshot is saved before it is announced: asking when
    // the first one is announced reads a snapshot still loading.
    const signals = createServiceFactory({
      service: signalsServiceRef,
      deps: {},
      factory: () => ({
        publish: async (signal: any) => {
          if (signal.message.loading > 0 && during.length === 0) {
            during.push(
              await request(started.server)
                .get(assessment('churn-prediction'))
                .set('authorization', asUser(GUEST)),
            );
          }
        },
      }),
    });
    const { server } = await startBackend(
      [membersOf({ [GUEST]: ['group:default/team-churn'] }), signals],
      [],
      {},
      { permissions: { adminGroups: ['group:default/platform-team'] } },
    );
    started.server = server;
    await refreshOrThrow(server, asUser(GUEST));
    expect(during).toHaveLength(1);
    expect(during[0].status).toBe(503);
    expect(Number(during[0].headers['retry-after'])).toBeGreaterThan(0);
    expect(during[0].body.error.message).toMatch(
      /^The suite has not finished reading the organization \(.*policies.* still loading\), so it cannot assess churn-prediction's guardrails yet; try again shortly$/,
    );
    const after = await request(server)
      .get(assessment('churn-prediction'))
      .set('authorization', asUser(GUEST));
    expect(after.status).toBe(200);
    expect(after.body.accounts.length).toBeGreaterThan(0);
  });
});
