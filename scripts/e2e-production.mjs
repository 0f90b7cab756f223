// End-to-end test of the production backend composition
// (packages/backend/src/composition.ts) with the production configuration on
// PostgreSQL: no guest sign-in, no file locations, the suite's permission
// policy deciding for real users (a test sign-in provider plays them: guest
// of team-churn, mallory of team-fraud, ada of the platform team), error
// bodies without stack traces; and the unsafe start refused. Needs
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/start-postgres.sh).
// Prints `N passed, N failed`.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const PORT = 7017;
const EMULATOR_PORT = 4598;
const BACKEND = `http://localhost:${PORT}`;
const EMULATOR = `http://127.0.0.1:${EMULATOR_PORT}`;
const results = [];

function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

function start(args, logFile, env) {
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')],
    env: { ...process.env, ...env },
  });
  const exited = new Promise(resolve => child.on('exit', resolve));
  return {
    exited,
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

async function waitFor(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await sleep(1000);
  }
  return undefined;
}

const connection = new URL(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres:postgres@localhost:5432',
);
// Everything app-config.production.yaml reads from the environment.
const productionEnv = {
  NODE_ENV: 'production',
  APP_BASE_URL: BACKEND,
  BACKEND_BASE_URL: BACKEND,
  BACKEND_SECRET: 'e2e-production-secret-not-for-real-use',
  POSTGRES_HOST: connection.hostname,
  POSTGRES_PORT: connection.port || '5432',
  POSTGRES_USER: decodeURIComponent(connection.username),
  POSTGRES_PASSWORD: decodeURIComponent(connection.password),
  AWS_REGION: 'us-east-1',
  // The suite's principals, held to the generated policies (docs/deployment.md).
  AWS_ACCESS_KEY_ID: 'emulator-backstage',
  AWS_SECRET_ACCESS_KEY: 'emulator-placeholder',
  ML_ENVIRONMENTS_MEMBER_ROLE_NAME: 'ml-environments-member',
  ML_ENVIRONMENTS_ACCOUNT_EMAIL_TEMPLATE: 'aws+{project}-{stage}@example.com',
  ML_ENVIRONMENTS_ADMIN_GROUP: 'group:default/platform-team',
  ML_ENVIRONMENTS_SHARED_SERVICES_ACCOUNT_ID: '100000000010',
  ML_ENVIRONMENTS_PORTFOLIO: 'ML Platform',
  ML_ENVIRONMENTS_GITHUB_OWNER: 'example',
  GITHUB_HOST: 'github.com',
  GITHUB_TOKEN: 'unused',
  TECHDOCS_BUCKET: 'unused',
};

mkdirSync('.ci-out', { recursive: true });
// What this test adds to the production configuration: the emulator as AWS,
// the demo's users and groups, local TechDocs (no S3 here), the test users,
// and the demo project the platform team adopts.
writeFileSync(
  '.ci-out/production-e2e.yaml',
  `backend:
  listen: ':${PORT}'
  database:
    # A new database each run, so nothing of an earlier run is read.
    connection: { database: ml_environments_e2e_${Date.now()} }
    pluginDivisionMode: schema
auth:
  providers:
    e2eUsers: { users: [guest, mallory, ada] }
catalog:
  locations:
    - type: file
      target: ${process.cwd()}/examples/org.yaml
      rules: [{ allow: [User, Group] }]
    - type: file
      target: ${process.cwd()}/templates/ml-sandbox-project.yaml
      rules: [{ allow: [Template] }]
techdocs:
  publisher: { type: local }
mlEnvironments:
  aws: { endpoint: 'http://127.0.0.1:${EMULATOR_PORT}' }
  projects:
    adopt: [{ project: churn-prediction, owner: group:default/team-churn }]
  status:
    # No scheduled read during the test: the first snapshot is the one an
    # administrator asks for, so the time before it can be tested.
    schedule: { frequency: { minutes: 60 }, timeout: { minutes: 5 }, initialDelay: { minutes: 60 } }
`,
);

const TRANSFORM = ['--require', '@backstage/cli-node/config/nodeTransform.cjs'];
const configArgs = [
  '--config',
  'app-config.yaml',
  '--config',
  'app-config.production.yaml',
];

// 1. The unsafe start: the dev extras asked for in production.
const unsafe = start(
  [...TRANSFORM, 'packages/backend/src/index.ts', ...configArgs],
  '.ci-out/production-unsafe.log',
  { ...productionEnv, ML_ENVIRONMENTS_DEV_EXTRAS: 'true' },
);
const unsafeExit = await Promise.race([
  unsafe.exited,
  sleep(120_000).then(() => 'still running'),
]);
unsafe.stop();
check(
  'the production backend refuses to start with the dev extras, saying why',
  unsafeExit === 1 &&
    readFileSync('.ci-out/production-unsafe.log', 'utf8').includes(
      'Refusing to start: ML_ENVIRONMENTS_DEV_EXTRAS=true adds guest sign-in',
    ),
  `exit ${unsafeExit}`,
);

// 2. The production composition, with real users.
const emulator = start(
  [
    'packages/aws-emulator/src/cli.ts',
    '--port',
    String(EMULATOR_PORT),
    '--seed',
    'packages/aws-emulator/seeds/demo.yaml',
  ],
  '.ci-out/production-emulator.log',
  {},
);
const backend = start(
  [
    ...TRANSFORM,
    'packages/backend/src/e2e/productionWithTestSignIn.ts',
    ...configArgs,
    '--config',
    '.ci-out/production-e2e.yaml',
  ],
  '.ci-out/production-backend.log',
  productionEnv,
);

try {
  const up = await waitFor(
    async () => (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok,
    300_000,
  );
  check('the production backend starts on PostgreSQL', Boolean(up));
  if (!up) throw new Error('backend did not start');

  const signIn = async user => {
    const res = await fetch(
      `${BACKEND}/api/auth/e2eUsers/refresh?user=${user}`,
      { method: 'POST' },
    );
    const token = res.ok
      ? (await res.json()).backstageIdentity?.token
      : undefined;
    return { authorization: `Bearer ${token}` };
  };
  const users = await waitFor(async () => {
    const all = {
      guest: await signIn('guest'),
      mallory: await signIn('mallory'),
      ada: await signIn('ada'),
    };
    return Object.values(all).every(h => !h.authorization.endsWith('undefined'))
      ? all
      : undefined;
  }, 120_000);
  check('the test users sign in once the catalog has them', Boolean(users));
  if (!users) throw new Error('no users');
  const call = async (who, method, path, body) => {
    const res = await fetch(`${BACKEND}${path}`, {
      method,
      headers: { ...users[who], 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, headers: res.headers };
  };

  /** Runs a template as a user through the scaffolder API; its end and errors. */
  const runTask = async (who, template, values) => {
    const created = await waitFor(async () => {
      const res = await call(who, 'POST', '/api/scaffolder/v2/tasks', {
        templateRef: `template:default/${template}`,
        values,
      });
      return res.status === 201 ? res : undefined;
    }, 120_000);
    if (!created) return { status: 'not created', errors: [] };
    const task = await waitFor(async () => {
      const res = await call(
        who,
        'GET',
        `/api/scaffolder/v2/tasks/${created.json.id}`,
      );
      return ['completed', 'failed', 'cancelled'].includes(res.json?.status)
        ? res.json
        : undefined;
    }, 300_000);
    const events = await call(
      who,
      'GET',
      `/api/scaffolder/v2/tasks/${created.json.id}/events`,
    );
    return {
      status: task?.status ?? 'unfinished',
      errors: (events.json ?? [])
        .filter(e => e.body?.error)
        .map(e => e.body.error.message),
    };
  };

  const guestSignIn = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    method: 'POST',
  });
  check(
    'no guest sign-in in production',
    guestSignIn.status === 404,
    `status ${guestSignIn.status}`,
  );

  const fileLocation = await call('guest', 'POST', '/api/catalog/locations', {
    type: 'file',
    target: '/etc/passwd',
  });
  check(
    'a file location is refused',
    fileLocation.status === 400 &&
      /Registered locations must be of an allowed type/.test(
        fileLocation.json?.error?.message ?? '',
      ),
    `status ${fileLocation.status}: ${fileLocation.json?.error?.message}`,
  );

  // 3. A fresh database before the first snapshot: nothing is decided.
  const mutating = async () =>
    (await (await fetch(`${EMULATOR}/_emulator/calls`)).json()).mutating;
  const callsBefore = await mutating();
  const earlyAdopt = await call(
    'ada',
    'POST',
    '/api/ml-environments/projects/churn-prediction/adopt',
    { owner: 'group:default/team-fraud' },
  );
  check(
    'before the first snapshot an adoption is refused: 503 with Retry-After and a sentence',
    earlyAdopt.status === 503 &&
      Number(earlyAdopt.headers.get('retry-after')) > 0 &&
      /has not finished its first read/.test(
        earlyAdopt.json?.error?.message ?? '',
      ),
    `status ${earlyAdopt.status}: ${earlyAdopt.json?.error?.message}`,
  );
  const earlyTask = await runTask('mallory', 'ml-sandbox-project', {
    project: 'churn-prediction',
    description: 'Taking over a project before the suite has read AWS',
    owner: 'group:default/team-fraud',
    costCenter: 'CC-6666',
    pattern: 'sandbox',
    spendingLimitUsd: 100,
    alertEmail: 'mallory@example.com',
  });
  const earlyOwnToken = await call(
    'mallory',
    'POST',
    '/api/ml-environments/projects/churn-prediction/provisioning',
    { pattern: 'mlops', owner: 'group:default/team-fraud', taskId: 'early' },
  );
  const earlyMutations = Object.entries(await mutating()).filter(
    ([key, n]) => n > (callsBefore[key] ?? 0),
  );
  check(
    "before the first snapshot another team's template run on an existing name fails closed, with zero mutating AWS calls",
    earlyTask.status === 'failed' &&
      earlyTask.errors.some(e => /has not finished its first read/.test(e)) &&
      earlyOwnToken.status === 403 &&
      earlyMutations.length === 0,
    `task ${earlyTask.status}: ${earlyTask.errors.join('; ')}; own token ${
      earlyOwnToken.status
    }; mutating calls: ${earlyMutations.map(([k]) => k).join(', ') || 'none'}`,
  );

  const refreshedByAdmin = await waitFor(async () => {
    const res = await call('ada', 'POST', '/api/ml-environments/refresh');
    return res.status === 202 || res.status === 429 ? res : undefined;
  }, 120_000);
  const refreshByGuest = await call(
    'guest',
    'POST',
    '/api/ml-environments/refresh',
  );
  check(
    "the suite's policy: an administrator refreshes, an owner may not",
    Boolean(refreshedByAdmin) && refreshByGuest.status === 403,
    `admin ${refreshedByAdmin?.status}, guest ${refreshByGuest.status}`,
  );

  const record = await waitFor(async () => {
    const res = await call(
      'guest',
      'GET',
      '/api/ml-environments/projects/churn-prediction/record',
    );
    return res.status === 200 ? res.json : undefined;
  }, 60_000);
  const ownerStudio = await call(
    'guest',
    'POST',
    '/api/ml-environments/projects/churn-prediction/studio-url',
  );
  const otherStudio = await call(
    'mallory',
    'POST',
    '/api/ml-environments/projects/churn-prediction/studio-url',
  );
  check(
    "the suite's policy: the recorded owner gets a Studio URL, another team 403",
    record?.owner === 'group:default/team-churn' &&
      ownerStudio.status === 200 &&
      otherStudio.status === 403,
    `owner ${ownerStudio.status}, other ${otherStudio.status}`,
  );
  const takeover = await call(
    'mallory',
    'POST',
    '/api/ml-environments/projects/churn-prediction/provisioning',
    { pattern: 'mlops', owner: 'group:default/team-fraud', taskId: 'e2e' },
  );
  check(
    'another team cannot claim the project for provisioning',
    takeover.status === 403,
    `status ${takeover.status}`,
  );
  const lateTask = await runTask('mallory', 'ml-sandbox-project', {
    project: 'churn-prediction',
    description: 'Taking over a project once the suite has read AWS',
    owner: 'group:default/team-fraud',
    costCenter: 'CC-6666',
    pattern: 'sandbox',
    spendingLimitUsd: 100,
    alertEmail: 'mallory@example.com',
  });
  check(
    "after the first snapshot and the adoption, another team's template run on the project is refused by the record",
    lateTask.status === 'failed' &&
      lateTask.errors.some(e =>
        e.includes(
          'user:default/mallory may not provision ML project churn-prediction',
        ),
      ),
    `task ${lateTask.status}: ${lateTask.errors.join('; ')}`,
  );

  // The suite's read-only actions, as an agent reaches them over MCP.
  const mcp = (who, method, params) =>
    fetch(`${BACKEND}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: {
        ...(who ? users[who] : {}),
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    }).then(async res => {
      const text = await res.text();
      const data = text.startsWith('{')
        ? text
        : text
            .split('\n')
            .filter(line => line.startsWith('data: '))
            .map(line => line.slice(6))
            .join('');
      return { status: res.status, body: data ? JSON.parse(data) : undefined };
    });
  const tools = await mcp('guest', 'tools/list', {});
  const toolNames = (tools.body?.result?.tools ?? []).map(t => t.name);
  const statusTool = toolNames.find(n => n.endsWith('get-organization-status'));
  const answered = statusTool
    ? await mcp('guest', 'tools/call', { name: statusTool, arguments: {} })
    : undefined;
  check(
    "an agent (MCP) lists the suite's read-only tools and reads the organization's status",
    // Every read the guest may make; the product check is for administrators.
    JSON.stringify(
      toolNames.filter(n => /ml-|organization-status|product/.test(n)).sort(),
    ) ===
      JSON.stringify(
        [
          'assess-ml-project-guardrails',
          'explain-ml-account-permission',
          'get-ml-project-cost',
          'get-ml-project-status',
          'get-organization-status',
          'list-ml-guardrail-exceptions',
          'plan-ml-project',
        ]
          .map(n => toolNames.find(t => t.endsWith(n)) ?? n)
          .sort(),
      ) &&
      /o-demoorg0001/.test(answered?.body?.result?.content?.[0]?.text ?? ''),
    `tools ${toolNames.join(', ')}`,
  );
  const anonymousMcp = await mcp(undefined, 'tools/list', {});
  check(
    'MCP refuses a caller without credentials',
    anonymousMcp.status === 401,
    `status ${anonymousMcp.status}`,
  );

  const errors = [
    await call('guest', 'GET', '/api/ml-environments/projects/Bad_Name'),
    await call('guest', 'GET', '/api/ml-environments/projects/no-such-project'),
    await call('mallory', 'GET', '/api/ml-environments/audit'),
  ];
  check(
    'error bodies carry a message, no stack trace and no file path',
    errors.every(
      e =>
        e.status >= 400 &&
        e.json?.error?.message &&
        !e.json.error.stack &&
        !/\/work\/|node_modules|\.ts:\d+/.test(e.text),
    ),
    errors.map(e => `${e.status}`).join(', '),
  );
  check(
    "responses carry Backstage's security headers",
    errors[0].headers.get('x-content-type-options') === 'nosniff' &&
      Boolean(errors[0].headers.get('content-security-policy')),
  );
  const log = readFileSync('.ci-out/production-backend.log', 'utf8');
  check(
    'the Studio URL stays out of the log',
    Boolean(ownerStudio.json?.url) && !log.includes(ownerStudio.json.url),
  );
} catch (error) {
  check('the production test ran to its end', false, String(error));
} finally {
  backend.stop();
  emulator.stop();
}

const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(results.every(Boolean) ? 0 : 1);
