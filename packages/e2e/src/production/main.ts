// End-to-end test of the production backend composition
// (packages/backend/src/composition.ts) with the production configuration on
// PostgreSQL: no guest sign-in, no file locations, the suite's permission
// policy deciding for real users (a test sign-in provider plays them: guest
// of team-churn, mallory of team-fraud, ada of the platform team), error
// bodies without stack traces; and the unsafe start refused. Needs
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/start-postgres.sh).
// Prints `N passed, N failed`.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { start, waitFor } from '../lib/processes.ts';
import { createReport, type Check } from '../lib/report.ts';
import { createClient, signInUsers } from './client.ts';
import {
  BACKEND,
  CONFIG_ARGS,
  EMULATOR_PORT,
  TEST_CONFIG,
  TRANSFORM,
  productionEnv,
  writeTestConfig,
} from './config.ts';
import { checkBeforeFirstSnapshot, checkPolicy } from './policy.ts';
import { checkErrorsAndLog, checkMcp } from './surface.ts';

const BACKEND_LOG = '.ci-out/production-backend.log';
const UNSAFE_LOG = '.ci-out/production-unsafe.log';

/** 1. The unsafe start: the dev extras asked for in production. */
async function checkUnsafeStart(check: Check): Promise<void> {
  const unsafe = start(
    process.execPath,
    [...TRANSFORM, 'packages/backend/src/index.ts', ...CONFIG_ARGS],
    {
      log: UNSAFE_LOG,
      env: { ...productionEnv(), ML_ENVIRONMENTS_DEV_EXTRAS: 'true' },
    },
  );
  const unsafeExit = await Promise.race([
    unsafe.exit,
    sleep(120_000).then(() => 'still running'),
  ]);
  await unsafe.stop();
  check(
    'the production backend refuses to start with the dev extras, saying why',
    unsafeExit === 1 &&
      readFileSync(UNSAFE_LOG, 'utf8').includes(
        'Refusing to start: ML_ENVIRONMENTS_DEV_EXTRAS=true adds guest sign-in',
      ),
    `exit ${unsafeExit}`,
  );
}

/** 2. The production composition, with real users. */
async function checkProduction(check: Check): Promise<void> {
  const up = await waitFor(
    async () => (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok,
    300_000,
  );
  check('the production backend starts on PostgreSQL', Boolean(up));
  if (!up) throw new Error('backend did not start');
  const users = await signInUsers();
  check('the test users sign in once the catalog has them', Boolean(users));
  if (!users) throw new Error('no users');
  const client = createClient(users);

  const guestSignIn = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    method: 'POST',
  });
  check(
    'no guest sign-in in production',
    guestSignIn.status === 404,
    `status ${guestSignIn.status}`,
  );
  const fileLocation = await client.call(
    'guest',
    'POST',
    '/api/catalog/locations',
    { type: 'file', target: '/etc/passwd' },
  );
  check(
    'a file location is refused',
    fileLocation.status === 400 &&
      /Registered locations must be of an allowed type/.test(
        fileLocation.json?.error?.message ?? '',
      ),
    `status ${fileLocation.status}: ${fileLocation.json?.error?.message}`,
  );

  // 3. A fresh database before the first snapshot, then the policy.
  await checkBeforeFirstSnapshot(client, check);
  const ownerStudio = await checkPolicy(client, check);
  await checkMcp(client, check);
  await checkErrorsAndLog(client, check, ownerStudio, BACKEND_LOG);
}

async function main(): Promise<number> {
  const report = createReport();
  const { check } = report;
  writeTestConfig();
  await checkUnsafeStart(check);
  const emulator = start(
    process.execPath,
    [
      'packages/aws-emulator/src/cli.ts',
      '--port',
      String(EMULATOR_PORT),
      '--seed',
      'packages/aws-emulator/seeds/demo.yaml',
    ],
    { log: '.ci-out/production-emulator.log' },
  );
  const backend = start(
    process.execPath,
    [
      ...TRANSFORM,
      'packages/backend/src/e2e/productionWithTestSignIn.ts',
      ...CONFIG_ARGS,
      '--config',
      TEST_CONFIG,
    ],
    { log: BACKEND_LOG, env: productionEnv() },
  );
  try {
    await checkProduction(check);
  } catch (error) {
    check('the production test ran to its end', false, String(error));
  } finally {
    await Promise.all([backend.stop(), emulator.stop()]);
  }
  return report.summary();
}

main().then(code => process.exit(code));
