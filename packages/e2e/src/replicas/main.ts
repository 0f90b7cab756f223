// Two replicas of the production build (`npm run build`) on one PostgreSQL,
// as docs/deployment.md runs them behind a load balancer:
//   1. both serve the routes, and the scheduled snapshot refresh runs once per
//      interval across the two (refresh.ts);
//   2. the crash drill: an MLOps task is started, and the replica running it
//      is killed with SIGKILL right after AWS applied one kind of mutation and
//      before its answer arrived (a proxy between each replica and the AWS
//      emulator knows which replica asked, proxy.ts); the other replica
//      recovers the task and finishes it. Once per kind of mutation the
//      template makes. Afterwards: every task completed, nothing duplicated,
//      no account left in the Root (drill.ts).
// The bundle is installed as the image would be (npm ci --omit=dev in the
// extracted bundle). The replicas run the production configuration with the
// dev extras allowed (guest sign-in, publish:local), since there is no
// identity provider or Git host here. Needs
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING. Prints `N passed, N failed`.
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { start, waitFor, type Started } from '../lib/processes.ts';
import { createReport, type Check } from '../lib/report.ts';
import {
  EMULATOR_PORT,
  OUT,
  ROOT,
  installBundle,
  writeReplicaConfig,
} from './config.ts';
import { crashDrill } from './drill.ts';
import { awsProxy } from './proxy.ts';
import { checkServingAndRefresh } from './refresh.ts';
import { createApi, guestToken, replicas, startReplica } from './replica.ts';

async function run(
  check: Check,
  started: { emulator?: Started; proxies: Server[] },
): Promise<void> {
  installBundle();
  writeReplicaConfig();
  check('the production bundle installs with npm ci --omit=dev', true);
  started.emulator = start(
    process.execPath,
    [
      'packages/aws-emulator/src/cli.ts',
      '--port',
      String(EMULATOR_PORT),
      '--seed',
      'packages/aws-emulator/seeds/demo.yaml',
      // 500 ms per asynchronous AWS operation (account creation, baselines,
      // shares, provisioning) rather than the emulator's 2 s: the drill
      // proves recovery after a kill, not AWS's pace, and runs 13 MLOps
      // tasks of dozens of such operations each. The dev stack and the
      // benches keep the 2 s.
      '--async-delay-ms',
      '500',
    ],
    { cwd: ROOT, log: resolve(OUT, 'emulator.log') },
  );
  for (const replica of replicas) {
    started.proxies.push(await awsProxy(replica.awsPort, replica));
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
  const api = createApi(token);
  await checkServingAndRefresh(api, check);
  await crashDrill(api, check);
}

async function main(): Promise<number> {
  const report = createReport();
  const started: { emulator?: Started; proxies: Server[] } = { proxies: [] };
  try {
    await run(report.check, started);
  } catch (error) {
    report.check(
      'the replica test ran to its end',
      false,
      String((error as Error)?.stack ?? error),
    );
  } finally {
    await Promise.all([
      ...replicas.map(r => r.process?.stop()),
      started.emulator?.stop(),
    ]);
    for (const p of started.proxies) p.close();
  }
  return report.summary();
}

main().then(code => process.exit(code));
