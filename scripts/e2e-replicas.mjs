// Two replicas of the production build (`npm run build`) on one PostgreSQL,
// as docs/deployment.md runs them behind a load balancer:
//   1. both serve the routes, and the scheduled snapshot refresh runs once per
//      interval across the two;
//   2. the crash drill: an MLOps task is started, and the replica running it
//      is killed with SIGKILL right after AWS applied one kind of mutation and
//      before its answer arrived (a proxy between each replica and the AWS
//      emulator knows which replica asked); the other replica recovers the
//      task and finishes it. Once per kind of mutation the template makes.
//      Afterwards: every task completed, nothing duplicated, no account left
//      in the Root.
// The bundle is installed as the image would be (npm ci --omit=dev in the
// extracted bundle). The replicas run the production configuration with the
// dev extras allowed (guest sign-in, publish:local), since there is no
// identity provider or Git host here. Needs
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING. Prints `N passed, N failed`.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CASES,
  awsClients,
  layoutProblems,
  readOrganization,
} from './e2e-templates.mjs';

const ROOT = process.cwd();
const OUT = resolve(ROOT, '.ci-out/replicas');
const DEPLOY = resolve(ROOT, '.ci-out/replicas-deploy');
const EMULATOR_PORT = 4596;
const EMULATOR = `http://127.0.0.1:${EMULATOR_PORT}`;
const REFRESH_SECONDS = 20;
const results = [];

function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

function start(args, logFile, options = {}) {
  const child = spawn(process.execPath, args, {
    detached: true,
    cwd: options.cwd ?? ROOT,
    stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')],
    env: { ...process.env, ...options.env },
  });
  const exited = new Promise(done => child.on('exit', done));
  const signal = sig => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    exited,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
}

async function waitFor(probe, timeoutMs, intervalMs = 1000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await sleep(intervalMs);
  }
  return undefined;
}

const mutatingCalls = async () =>
  (await (await fetch(`${EMULATOR}/_emulator/calls`)).json()).mutating;

/**
 * Whether a request is the call of `service:Operation`: a JSON target, a REST
 * path (kebab-case as Control Tower's, or the operation's name as Lake
 * Formation's), or a query-protocol Action (IAM, STS).
 */
function isOperation(req, body, operation) {
  const name = operation.split(':')[1];
  const path = (req.url ?? '').split('?')[0];
  const kebab = `/${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;
  return (
    String(req.headers['x-amz-target'] ?? '').endsWith(`.${name}`) ||
    path === kebab ||
    path === `/${name}` ||
    new URLSearchParams(body).get('Action') === name
  );
}

/**
 * A replica's way to AWS: forwards to the emulator; while armed, kills the
 * replica whose call of the armed operation the emulator has applied,
 * before the answer reaches it. One drill kills one replica: the armed
 * state is shared, so the other replica's calls in flight never fire it.
 */
function awsProxy(port, replica) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const upstream = http.request(
        `${EMULATOR}${req.url}`,
        { method: req.method, headers: req.headers },
        async answer => {
          const body = [];
          for await (const c of answer) body.push(c);
          const armed = replica.armed;
          if (
            armed &&
            !armed.done &&
            isOperation(req, Buffer.concat(chunks).toString(), armed.operation)
          ) {
            const counts = await mutatingCalls();
            if (!armed.done && (counts[armed.operation] ?? 0) > armed.before) {
              armed.done = true;
              replica.armed = undefined;
              replica.process.kill();
              armed.fire(replica.name);
              res.destroy();
              return;
            }
          }
          res.writeHead(answer.statusCode, answer.headers);
          res.end(Buffer.concat(body));
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  return new Promise(done =>
    server.listen(port, '127.0.0.1', () => done(server)),
  );
}

const connection = new URL(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres:postgres@localhost:5432',
);
const database = `ml_environments_replicas_${Date.now()}`;

function replicaEnv(port, awsPort) {
  const url = `http://localhost:${port}`;
  return {
    NODE_ENV: 'production',
    // No identity provider or Git host here: guest sign-in and
    // publish:local, allowed on purpose (see the header).
    ML_ENVIRONMENTS_DEV_EXTRAS: 'true',
    ML_ENVIRONMENTS_DANGEROUSLY_ALLOW_DEV_EXTRAS_IN_PRODUCTION: 'true',
    REPLICA_PORT: String(port),
    REPLICA_AWS_ENDPOINT: `http://127.0.0.1:${awsPort}`,
    APP_BASE_URL: url,
    BACKEND_BASE_URL: url,
    BACKEND_SECRET: 'e2e-replicas-secret-not-for-real-use',
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
}

function installBundle() {
  const bundle = resolve(ROOT, 'packages/backend/dist/bundle.tar.gz');
  if (!existsSync(bundle)) throw new Error('no bundle: run `npm run build`');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  // The same bundle is installed once (reruns while developing skip it).
  const digest = createHash('sha1').update(readFileSync(bundle)).digest('hex');
  const stamp = resolve(DEPLOY, '.bundle-digest');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  rmSync(DEPLOY, { recursive: true, force: true });
  mkdirSync(DEPLOY, { recursive: true });
  execFileSync('tar', ['xzf', bundle, '-C', DEPLOY]);
  execFileSync(
    'npm',
    ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: DEPLOY, stdio: 'inherit' },
  );
  writeFileSync(stamp, digest);
}

/** What the replicas add to the production configuration. */
function writeReplicaConfig() {
  writeFileSync(
    resolve(OUT, 'replicas.yaml'),
    `backend:
  listen: ':\${REPLICA_PORT}'
  database:
    connection: { database: ${database} }
    pluginDivisionMode: schema
auth:
  providers:
    guest:
      userEntityRef: user:default/guest
      dangerouslyAllowOutsideDevelopment: true
catalog:
  locations:
    - type: file
      target: ${ROOT}/examples/org.yaml
      rules: [{ allow: [User, Group] }]
    - type: file
      target: ${ROOT}/templates/ml-mlops-project.yaml
      rules: [{ allow: [Template] }]
techdocs:
  publisher: { type: local }
scaffolder:
  taskRecovery:
    enabled: true
    # A dead replica's task is picked up after 10 s without a heartbeat.
    staleTimeout: { seconds: 10 }
mlEnvironments:
  aws: { endpoint: '\${REPLICA_AWS_ENDPOINT}', maxAttempts: 10 }
  templates:
    publish: { target: local, directory: ${OUT}/repositories }
  provisioning: { pollIntervalSeconds: 0.5 }
  # The demo's shared subnets (as app-config.emulator.yaml names them).
  network:
    sandbox: { vpcId: vpc-05a4db0c0ffee0010, subnetIds: [subnet-05a4db0c0ffee0011] }
    dev:
      vpcId: vpc-0a1b2c3d4e5f60718
      subnetIds: [subnet-0a1b2c3d4e5f60719, subnet-0b1c2d3e4f5a6b7c8]
      securityGroupIds: [sg-0c1d2e3f4a5b6c7d8]
  status:
    schedule:
      frequency: { seconds: ${REFRESH_SECONDS} }
      timeout: { minutes: 2 }
      initialDelay: { seconds: 1 }
`,
  );
}

function startReplica(replica) {
  replica.process = start(
    [
      'packages/backend',
      '--config',
      resolve(ROOT, 'app-config.yaml'),
      '--config',
      resolve(ROOT, 'app-config.production.yaml'),
      '--config',
      resolve(OUT, 'replicas.yaml'),
    ],
    replica.log,
    { cwd: DEPLOY, env: replicaEnv(replica.port, replica.awsPort) },
  );
  return Promise.race([
    waitFor(
      async () =>
        (await fetch(`${replica.url}/.backstage/health/v1/readiness`)).ok,
      300_000,
    ),
    replica.process.exited.then(() => false),
  ]);
}

async function guestToken(replica) {
  const res = await fetch(`${replica.url}/api/auth/guest/refresh`, {
    method: 'POST',
  });
  return res.ok ? (await res.json()).backstageIdentity?.token : undefined;
}

const replicas = ['A', 'B'].map((name, i) => ({
  name,
  port: 7027 + i,
  awsPort: 4601 + i,
  url: `http://localhost:${7027 + i}`,
  log: resolve(OUT, `replica-${name}.log`),
}));
const other = replica => replicas.find(r => r !== replica);

let emulator;
const proxies = [];
try {
  installBundle();
  writeReplicaConfig();
  check('the production bundle installs with npm ci --omit=dev', true);
  emulator = start(
    [
      'packages/aws-emulator/src/cli.ts',
      '--port',
      String(EMULATOR_PORT),
      '--seed',
      'packages/aws-emulator/seeds/demo.yaml',
    ],
    resolve(OUT, 'emulator.log'),
  );
  for (const replica of replicas) {
    proxies.push(await awsProxy(replica.awsPort, replica));
  }
  // One after the other: the first creates the database and runs migrations.
  const ready = [];
  for (const replica of replicas) ready.push(await startReplica(replica));
  check(
    'two replicas of the production build start on one PostgreSQL',
    ready.every(Boolean),
  );
  if (!ready.every(Boolean)) throw new Error('replicas did not start');

  const token = await waitFor(() => guestToken(replicas[0]), 120_000);
  const api = async (replica, path, init = {}) => {
    const res = await fetch(`${replica.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  };

  // 1. Both serve; one scheduled refresh per interval across the two.
  const served = await waitFor(async () => {
    const answers = await Promise.all(
      replicas.map(r => api(r, '/api/ml-environments/organization')),
    );
    return answers.every(a => a.status === 200) ? answers : undefined;
  }, 120_000);
  check(
    'both replicas serve the organization view from the one snapshot',
    Boolean(served) && served[0].body.takenAt === served[1].body.takenAt,
    served?.map(a => a.body.takenAt).join(' / '),
  );
  const windowStart = Date.now();
  await sleep(REFRESH_SECONDS * 3.5 * 1000);
  const refreshes = replicas
    .flatMap(r =>
      readFileSync(r.log, 'utf8')
        .split('\n')
        .filter(line => line.includes('Refreshed the organization snapshot'))
        .map(line => ({
          replica: r.name,
          at: Date.parse(JSON.parse(line).timestamp),
        })),
    )
    .filter(r => r.at >= windowStart)
    .sort((a, b) => a.at - b.at);
  const gaps = refreshes.slice(1).map((r, i) => r.at - refreshes[i].at);
  check(
    `one scheduled refresh per ${REFRESH_SECONDS} s interval across both replicas`,
    refreshes.length >= 2 &&
      refreshes.length <= 4 &&
      gaps.every(gap => gap >= REFRESH_SECONDS * 500),
    `${refreshes.map(r => r.replica).join(',')}; gaps ${gaps
      .map(g => `${Math.round(g / 1000)} s`)
      .join(', ')}`,
  );

  // 2. The crash drill.
  const mlops = CASES.find(c => c.template === 'ml-mlops-project');
  const runTask = async (via, project) => {
    const created = await api(via, '/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/ml-mlops-project',
        values: { ...mlops.values, project },
      }),
    });
    if (created.status !== 201)
      throw new Error(`task refused: ${created.status}`);
    return created.body.id;
  };
  const taskEnd = async id =>
    waitFor(
      async () => {
        for (const r of replicas) {
          const { status, body } = await api(
            r,
            `/api/scaffolder/v2/tasks/${id}`,
          ).catch(() => ({}));
          if (
            status === 200 &&
            ['completed', 'failed', 'cancelled'].includes(body.status)
          )
            return body.status;
        }
        return undefined;
      },
      600_000,
      2000,
    );
  const templateReady = await waitFor(async () => {
    const { body } = await api(
      replicas[0],
      '/api/catalog/entities/by-name/template/default/ml-mlops-project',
    );
    return body?.metadata?.name;
  }, 120_000);
  if (!templateReady)
    throw new Error('the MLOps template is not in the catalog');

  // A calm run tells which mutations the template makes, in order. The
  // first one also makes what the organization keeps for every project
  // (OUs, SCPs, the shared services' launch role, data lake settings); the
  // second shows what each new project makes, where the drills kill.
  const calmRun = async project => {
    const seen = [];
    const before = await mutatingCalls();
    const id = await runTask(replicas[0], project);
    let status;
    const watching = (async () => {
      while (!status) {
        const counts = await mutatingCalls();
        for (const op of Object.keys(counts)) {
          if (counts[op] > (before[op] ?? 0) && !seen.includes(op))
            seen.push(op);
        }
        await sleep(100);
      }
    })();
    status = await taskEnd(id);
    await watching;
    return { status, order: seen, before, after: await mutatingCalls() };
  };
  const first = await calmRun('replica-calm');
  const calm = await calmRun('replica-calm-2');
  const order = calm.order;
  const calmBefore = calm.before;
  const calmCalls = calm.after;
  check(
    'a calm MLOps run completes across the replicas, twice',
    first.status === 'completed' && calm.status === 'completed',
    `${first.status}, ${
      calm.status
    }; mutations of the second in order: ${order.join(', ')}`,
  );

  // Each run makes these anew; the guide's OUs, their SCPs, registrations and
  // controls were made once by the calm run and are only looked up after.
  const perProject = op =>
    !/:(CreateOrganizationalUnit|CreatePolicy|UpdatePolicy|AttachPolicy|EnableBaseline|EnableControl)$/.test(
      op,
    );
  const killPoints = order.filter(perProject);
  // Calls that make a new resource each time (a second one is a duplicate);
  // sharing, accepting and associating again are no-ops in AWS's model.
  const created = op =>
    /:(CreateAccount|CreateOrganizationalUnit|CreatePolicy|CreateBudget|ProvisionProduct)$/.test(
      op,
    );
  const drills = [];
  for (const [i, operation] of killPoints.entries()) {
    // Short enough that aws+<project>-automation@example.com stays within
    // AWS's 64 characters (AssociatePrincipalWithPortfolio is long).
    const project = `crash-${i}-${operation.split(':')[1].toLowerCase()}`.slice(
      0,
      30,
    );
    drills.push({ ...mlops, values: { ...mlops.values, project } });
    const before = await mutatingCalls();
    let fire;
    const fired = new Promise(done => (fire = done));
    const armed = { operation, before: before[operation] ?? 0, fire };
    for (const r of replicas) {
      r.armed = armed;
    }
    const id = await runTask(replicas[i % 2], project);
    const ended = taskEnd(id);
    const killed = await Promise.race([fired, ended.then(() => undefined)]);
    for (const r of replicas) r.armed = undefined;
    const status = await ended;
    const after = await mutatingCalls();
    const repeated = Object.keys(after)
      .filter(created)
      .filter(
        op =>
          after[op] - (before[op] ?? 0) > calmCalls[op] - (calmBefore[op] ?? 0),
      );
    const survivor = killed && other(replicas.find(r => r.name === killed));
    check(
      `crash drill: replica killed after ${operation}; the task completes on the other replica`,
      Boolean(killed) && status === 'completed' && repeated.length === 0,
      `${
        killed ? `killed ${killed}` : `the task never made ${operation}`
      }, finished on ${survivor?.name ?? '?'}: ${status}${
        repeated.length ? `; created again: ${repeated.join(', ')}` : ''
      }`,
    );
    if (killed) {
      const dead = replicas.find(r => r.name === killed);
      const back = await startReplica(dead);
      if (!back) throw new Error(`replica ${killed} did not come back`);
    }
  }
  const org = await readOrganization(awsClients(EMULATOR));
  const problems = layoutProblems(
    org,
    [
      ...drills,
      ...['replica-calm', 'replica-calm-2'].map(project => ({
        ...mlops,
        values: { ...mlops.values, project },
      })),
    ],
    'crash-',
  );
  check(
    'crash drill: the organization is the clean layout (no duplicate, nothing left in the Root)',
    problems.length === 0,
    problems.join('; '),
  );
} catch (error) {
  check(
    'the replica test ran to its end',
    false,
    String(error?.stack ?? error),
  );
} finally {
  for (const r of replicas) r.process?.stop();
  emulator?.stop();
  for (const p of proxies) p.close();
}

const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(results.every(Boolean) ? 0 : 1);
