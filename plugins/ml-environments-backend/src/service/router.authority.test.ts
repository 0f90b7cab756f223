import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { MlEnvironmentsPermissionPolicy } from '../permissions/MlEnvironmentsPermissionPolicy';
import { spec } from '../schema/openapi/generated';
import {
  GUEST,
  MALLORY,
  asTask,
  asUser,
  demoBackend,
  membersOf,
} from './__testUtils__/demoBackend';
import { refreshOrThrow } from './__testUtils__/refresh';

const ADMIN = 'user:default/admin';
const GROUPS: Record<string, string[]> = {
  [GUEST]: ['group:default/team-churn'],
  [MALLORY]: ['group:default/team-fraud'],
  [ADMIN]: ['group:default/platform-team'],
};
const PROJECT = 'churn-prediction';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const inDays = (days: number) =>
  new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

/** The suite's own policy behind the permissions service, as production installs it. */
function suitePolicy() {
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async (credentials: any) => {
      const ref = credentials.principal.userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: [ref, ...GROUPS[ref]] };
    },
  });
  const policy = new MlEnvironmentsPermissionPolicy({
    adminGroups: ['group:default/platform-team'],
    userInfo,
  });
  const decide = (requests: any[], { credentials }: any) =>
    Promise.all(
      requests.map(({ permission }) =>
        policy.handle(
          { permission },
          credentials.principal.type === 'user'
            ? ({ credentials, info: {} } as any)
            : undefined,
        ),
      ),
    );
  return mockServices.permissions.mock({
    authorize: async (requests: any[], options: any) =>
      (await decide(requests, options)).map(d =>
        d.result === AuthorizeResult.CONDITIONAL
          ? { result: AuthorizeResult.DENY }
          : d,
      ) as any,
    authorizeConditional: decide as any,
  }).factory;
}

// Who calls, in this order on one backend per route: the likeliest to
// succeed last, so a refusal is never just "someone was first".
const CALLERS = {
  anonymous: mockCredentials.none.header(),
  other: asUser(MALLORY),
  admin: asUser(ADMIN),
  owner: asUser(GUEST),
  'task for other': asTask(MALLORY),
  'task for admin': asTask(ADMIN),
  'task for owner': asTask(GUEST),
};
type Expected = Record<keyof typeof CALLERS, number>;
const reads = (ok = 200): Expected => ({
  anonymous: 401,
  other: ok,
  admin: ok,
  owner: ok,
  'task for other': ok,
  'task for admin': ok,
  'task for owner': ok,
});
/** A record-writing route: the scaffolder for a user, never a user's own token. */
const taskOnly = (
  forOwner: number,
  forAdmin = 403,
  forOther = 403,
): Expected => ({
  anonymous: 401,
  other: 403,
  admin: 403,
  owner: 403,
  'task for other': forOther,
  'task for admin': forAdmin,
  'task for owner': forOwner,
});

/** Only the owner group's members, directly or through a task. */
const ownerOnly = (forOwner: number, forTaskOwner = forOwner): Expected => ({
  anonymous: 401,
  other: 403,
  admin: 403,
  owner: forOwner,
  'task for other': 403,
  'task for admin': 403,
  'task for owner': forTaskOwner,
});
/** Only administrators, directly or through a task. */
const adminOnly = (forAdmin: number, forTaskAdmin = forAdmin): Expected => ({
  anonymous: 401,
  other: 403,
  admin: forAdmin,
  owner: 403,
  'task for other': 403,
  'task for admin': forTaskAdmin,
  'task for owner': 403,
});

type Route = [string, object | undefined, Expected];
const routes = (devAccountId: string, fraudDev: string): Route[] => [
  ['GET /organization', undefined, reads()],
  [`GET /projects/${PROJECT}`, undefined, reads()],
  [`GET /projects/${PROJECT}/record`, undefined, reads()],
  [`GET /projects/${PROJECT}/guardrails/assessment`, undefined, reads()],
  [`GET /projects/${PROJECT}/availability`, undefined, reads()],
  ['GET /targets/r-demo/guardrails', undefined, reads()],
  [
    'POST /evaluate',
    { accountId: devAccountId, actions: ['sagemaker:CreateEndpoint'] },
    reads(),
  ],
  ...(['studio-profile', 'studio-url'] as const).map(
    (route): Route => [
      `POST /projects/${PROJECT}/${route}`,
      {},
      ownerOnly(200),
    ],
  ),
  [
    `GET /projects/${PROJECT}/cost`,
    undefined,
    { ...ownerOnly(200), admin: 200, 'task for admin': 200 },
  ],
  // Everyone signed in; what each sees is filtered (router.projectCosts.test).
  ['GET /project-costs', undefined, reads()],
  ['POST /refresh', {}, adminOnly(202)],
  [
    'POST /products/check',
    {
      template: {
        Resources: {
          Bucket: {
            Type: 'AWS::S3::Bucket',
            Properties: { BucketName: 'ml-artifacts' },
          },
        },
      },
      targetOu: 'Workloads/Workloads_Dev',
    },
    adminOnly(200),
  ],
  [`GET /refresh/${UNKNOWN_ID}`, undefined, reads(404)],
  [
    `POST /projects/${PROJECT}/provisioning`,
    { pattern: 'mlops', owner: 'group:default/team-churn', taskId: 't-1' },
    taskOnly(200),
  ],
  [`POST /projects/${PROJECT}/provisioning/check`, {}, taskOnly(200)],
  // No task holds the project, so no task may complete it.
  [
    `POST /projects/${PROJECT}/provisioning/complete`,
    { taskId: 't-1', accounts: [{ stage: 'dev', accountId: fraudDev }] },
    taskOnly(409, 409, 409),
  ],
  [
    `POST /projects/${PROJECT}/provisioning/release`,
    { taskId: 't-1' },
    taskOnly(204),
  ],
  [
    `POST /projects/${PROJECT}/retirement`,
    {
      taskId: 't-r',
      reason: 'model replaced by churn-prediction-v2',
      dryRun: true,
    },
    taskOnly(200, 200),
  ],
  [
    `POST /projects/${PROJECT}/retirement/complete`,
    { taskId: 't-r', accounts: [] },
    taskOnly(409, 409, 409),
  ],
  [
    `POST /projects/${PROJECT}/transfer`,
    { owner: 'group:default/team-churn', reason: 'reorganisation' },
    adminOnly(200),
  ],
  [
    'POST /projects/demand-forecast/adopt',
    { owner: 'group:default/team-churn' },
    // Adopted once; the second adoption finds it recorded.
    adminOnly(200, 409),
  ],
  [
    `POST /projects/${PROJECT}/products/update`,
    { accountId: devAccountId, product: 'churn-prediction-studio' },
    // It already runs the latest version: nothing to do.
    adminOnly(200),
  ],
  ['GET /exceptions', undefined, reads()],
  [
    `POST /projects/${PROJECT}/exceptions`,
    {
      accountId: devAccountId,
      guardrailId: 'deny-sagemaker-hosting',
      reason: 'One real-time endpoint for the board demo',
      endsAt: inDays(14),
    },
    // The open request is answered as it is.
    ownerOnly(201, 200),
  ],
  // Deciding on an id nobody has: not found for every signed-in caller.
  ...(['approve', 'reject', 'revoke'] as const).map(
    (verb): Route => [`POST /exceptions/${UNKNOWN_ID}/${verb}`, {}, reads(404)],
  ),
  ['GET /datasets', undefined, reads()],
  ['GET /data-grants', undefined, reads()],
  [
    `POST /projects/${PROJECT}/data-grants`,
    {
      accountId: devAccountId,
      database: 'customers',
      reason: 'Features for the churn model',
    },
    // The open request is answered as it is.
    ownerOnly(201, 200),
  ],
  ...(['approve', 'reject', 'revoke'] as const).map(
    (verb): Route => [
      `POST /data-grants/${UNKNOWN_ID}/${verb}`,
      {},
      reads(404),
    ],
  ),
  ['GET /audit', undefined, adminOnly(200)],
];

describe('every route, for every kind of caller', () => {
  const { startBackend } = demoBackend();

  it('lists every route of openapi.yaml', () => {
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map(m => `${m.toUpperCase()} ${path}`),
    );
    const tested = routes('x', 'y').map(([route]) =>
      route
        .replace(`/projects/${PROJECT}`, '/projects/{project}')
        .replace('/projects/demand-forecast', '/projects/{project}')
        .replace('/targets/r-demo', '/targets/{id}')
        .replace(`/refresh/${UNKNOWN_ID}`, '/refresh/{refreshId}')
        .replace(`/exceptions/${UNKNOWN_ID}`, '/exceptions/{exceptionId}')
        .replace(`/data-grants/${UNKNOWN_ID}`, '/data-grants/{grantId}'),
    );
    expect(tested.sort()).toEqual(documented.sort());
  });

  // One test, and one backend, per route: what one route changes never
  // decides another, and each route has its own time on a busy machine.
  it.each(
    routes('', '').map(([route, body, wanted]) => ({ route, body, wanted })),
  )(
    '$route answers each caller as docs/security.md says',
    async ({ route, body, wanted }) => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      const { server } = await startBackend(
        [membersOf(GROUPS), suitePolicy()],
        [],
        { refreshMinInterval: { milliseconds: 0 } },
        {
          permissions: { adminGroups: ['group:default/platform-team'] },
          dataLake: {
            accountId: '100000000011',
            ownerGroups: ['group:default/platform-team'],
            selfServiceDatabases: ['stores'],
          },
        },
      );
      await refreshOrThrow(server, asUser(ADMIN));
      const accounts = async (project: string) =>
        (
          await request(server)
            .get(`/api/ml-environments/projects/${project}/record`)
            .set('authorization', asUser(ADMIN))
        ).body.accounts;
      const dev = (await accounts(PROJECT)).find((a: any) => a.stage === 'dev');
      const fraud = (await accounts('fraud-detection')).find(
        (a: any) => a.stage === 'dev',
      );
      const [, realBody] = routes(dev.accountId, fraud.accountId).find(
        ([r]) => r === route,
      )!;
      const [method, path] = route.split(' ');
      for (const [caller, header] of Object.entries(CALLERS)) {
        const res = await (request(server) as any)
          [method.toLowerCase()](`/api/ml-environments${path}`)
          .set('authorization', header)
          .send(realBody ?? body);
        outcomes.push(`${route} as ${caller}: ${res.status}`);
        expected.push(
          `${route} as ${caller}: ${wanted[caller as keyof Expected]}`,
        );
      }
      expect(outcomes).toEqual(expected);
    },
  );
});
