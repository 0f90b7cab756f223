// The replicas' deployment: the production bundle installed as the image
// would be, the environment app-config.production.yaml reads, and what the
// replicas add to the production configuration.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { productionEnvironment } from '../lib/productionEnv.ts';

export const ROOT = process.cwd();
export const OUT = resolve(ROOT, '.ci-out/replicas');
export const DEPLOY = resolve(ROOT, '.ci-out/replicas-deploy');
export const EMULATOR_PORT = 4596;
export const EMULATOR = `http://127.0.0.1:${EMULATOR_PORT}`;
export const REFRESH_SECONDS = 20;

const database = `ml_environments_replicas_${Date.now()}`;

/** A replica's environment: it listens on `port`, reaches AWS at `awsPort`. */
export function replicaEnv(
  port: number,
  awsPort: number,
): Record<string, string> {
  const url = `http://localhost:${port}`;
  return {
    ...productionEnvironment(url, 'e2e-replicas-secret-not-for-real-use'),
    // No identity provider or Git host here: guest sign-in and
    // publish:local, allowed on purpose (see main.ts's header).
    ML_ENVIRONMENTS_DEV_EXTRAS: 'true',
    ML_ENVIRONMENTS_DANGEROUSLY_ALLOW_DEV_EXTRAS_IN_PRODUCTION: 'true',
    REPLICA_PORT: String(port),
    REPLICA_AWS_ENDPOINT: `http://127.0.0.1:${awsPort}`,
  };
}

/** The bundle of `npm run build`, extracted and `npm ci --omit=dev`. */
export function installBundle(): void {
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
export function writeReplicaConfig(): void {
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
  aws:
    endpoint: '\${REPLICA_AWS_ENDPOINT}'
    maxAttempts: 10
    # Not AWS's 5 List* calls a second: at that pace the snapshot of the
    # drill's growing organization (70 accounts at its end) took 25 s, one
    # every 20 s, and the tasks' own Organizations calls queued behind it.
    # The drill proves recovery after a kill, not AWS's pace.
    organizationsRateLimits:
      list: { ratePerSecond: 1000, burst: 1000 }
      describePolicy: { ratePerSecond: 1000, burst: 1000 }
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
