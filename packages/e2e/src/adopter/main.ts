// An adopter's install, end to end: every plugin built and packed (as
// packMain.ts does), a Backstage app made outside the workspace from
// published Backstage packages only (host.ts), the suite installed into it
// from the tarballs only by applying the blocks of the plugins' READMEs
// marked `<!-- adopter:… -->` as they stand (readmeBlocks.ts, guide.ts),
// the app built, and its backend started on
// the AWS emulator; then a sandbox project provisioned through the
// scaffolder API, its account read back from the emulator with the AWS SDK,
// and the project's ML environment tab opened in Chromium.
// Needs `npm run tsc` and `npm run build` first, and PostgreSQL
// (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, else
// scripts/start-postgres.sh is run). Prints `N passed, N failed`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withBrowser } from '../browser/index.ts';
import { freePort, start, waitFor, type Started } from '../lib/processes.ts';
import { createReport } from '../lib/report.ts';
import { applyGuides, checkLegacyGuide, type Project } from './guide.ts';
import { writeHostApp } from './host.ts';
import {
  ROOT,
  checkInstalled,
  packPlugins,
  packedIn,
  run,
  runAsync,
} from './pack.ts';
import { provisionSandbox } from './provision.ts';

const TEAM = 'team-ml';
const PROJECT: Project = {
  name: 'adopter-lab',
  owner: `group:default/${TEAM}`,
  description: 'An adopter trying the suite',
  pattern: 'sandbox',
};
const OUT = join(ROOT, '.ci-out', 'adopter');
const started = Date.now();
const report = createReport();
const { check } = report;
const took = (label: string) =>
  console.log(`::: ${label} at +${Math.round((Date.now() - started) / 1000)}s`);
const running: Started[] = [];
const temporary: string[] = []; // removed at the end: the host app is 1.3 GB
// Stopped or not, the script takes its emulator and backend down with it.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () =>
    Promise.all(running.map(p => p.stop())).then(() => process.exit(1)),
  );
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const host = mkdtempSync(join(tmpdir(), 'ml-adopter-host-'));
  const packs = mkdtempSync(join(tmpdir(), 'ml-packs-'));
  temporary.push(host, packs);
  console.log(`host app: ${host}`);
  const ports = { backend: await freePort(), emulator: await freePort() };
  // The adopter's app, installed while the plugins are built and packed.
  writeHostApp(host);
  const npmInstall = ['install', '--prefer-offline', '--no-audit', '--no-fund'];
  const hostInstalled = runAsync(
    'npm',
    [...npmInstall, '--loglevel=error'],
    host,
  );
  hostInstalled.catch(() => {}); // awaited below, after packing
  // ML_ADOPTER_PACKS: tarballs of an earlier run, to iterate on the rest.
  const tarballs = process.env.ML_ADOPTER_PACKS
    ? packedIn(process.env.ML_ADOPTER_PACKS)
    : await packPlugins(packs, check);
  took('packed');
  await hostInstalled;
  took("the adopter's app installed");
  const { blocks, emulator } = applyGuides({
    host,
    tarballs,
    ports,
    team: TEAM,
    project: PROJECT,
    check,
  });
  // The emulator starts while npm installs the suite.
  const emulatorArgs = ['--port', String(ports.emulator)];
  emulatorArgs.push('--seed', 'packages/aws-emulator/seeds/demo.yaml');
  running.push(
    start(
      process.execPath,
      ['packages/aws-emulator/src/cli.ts', ...emulatorArgs],
      { cwd: ROOT, log: join(OUT, 'emulator.log') },
    ),
  );
  run('npm', [...npmInstall, '--loglevel=error'], host);
  took('the suite installed');
  const lock = JSON.parse(
    readFileSync(join(host, 'package-lock.json'), 'utf8'),
  );
  const suite = Object.entries(
    lock.packages as Record<string, { resolved?: string }>,
  ).filter(([p]) => p.startsWith('node_modules/@mlgov/'));
  check(
    'the suite is installed from its tarballs only, one copy of each package',
    suite.length === Object.keys(tarballs).length &&
      suite.every(([, p]) => (p.resolved ?? '').startsWith('file:')),
    suite.map(([p, v]) => `${p} ${v.resolved}`).join(', '),
  );
  checkInstalled(host, check);
  checkLegacyGuide(host, blocks, check);
  // The app as create-app builds it; the backend runs from its sources, as
  // `backstage-cli package start` runs it (its production build packs a
  // yarn.lock, which an npm app does not have).
  const cli = join(host, 'node_modules/.bin/backstage-cli');
  run(cli, ['package', 'build'], join(host, 'packages/app'));
  took('built');
  const backendUrl = `http://localhost:${ports.backend}`;
  const backendArgs = [
    '--require',
    '@backstage/cli-node/config/nodeTransform.cjs',
  ];
  backendArgs.push('src/index.ts', '--config', '../../app-config.yaml');
  backendArgs.push('--config', '../../app-config.emulator.yaml');
  const backend = start(process.execPath, backendArgs, {
    cwd: join(host, 'packages/backend'),
    log: join(OUT, 'backend.log'),
    // As `yarn start` runs it (the guest provider is for development). The
    // default AWS credential chain: the emulator's key for the suite's role
    // in the management account, held to the management policy of
    // docs/deployment.md.
    env: {
      NODE_ENV: 'development',
      AWS_ACCESS_KEY_ID: 'emulator-backstage',
      AWS_SECRET_ACCESS_KEY: 'emulator-placeholder',
      AWS_REGION: 'us-east-1',
    },
  });
  running.push(backend);
  const ready = await waitFor(async () => {
    if (backend.exited) return 'exited';
    return (await fetch(`${backendUrl}/.backstage/health/v1/readiness`)).ok;
  }, 180_000);
  check(
    'the host backend with the suite starts and is ready',
    ready === true,
    ready === 'exited' ? 'it exited: see .ci-out/adopter/backend.log' : '',
  );
  took('started');
  if (ready !== true) return;
  const account = await provisionSandbox({
    backendUrl,
    emulator,
    project: PROJECT,
    check,
  });
  took('provisioned');
  await withBrowser(
    { frontend: backendUrl, check, outDir: OUT, label: 'adopter' },
    async ({ page, attempt, screenshots }: any) => {
      await attempt('browser (adopter): the ML environment tab', async () => {
        await page.goto(
          `${backendUrl}/catalog/default/system/${PROJECT.name}/ml-environment`,
        );
        const node = page.getByTestId(`account-node-${account?.Id}`);
        await node.waitFor({ timeout: 60_000 });
        await page.getByText('AWS account layout').first().waitFor();
        const said = (await node.textContent()) ?? '';
        await page.screenshot({
          path: `${screenshots}/adopter-ml-environment.png`,
          fullPage: true,
        });
        check(
          "browser (adopter): the project's ML environment tab shows its account layout",
          said.includes(`${PROJECT.name}-sandbox`) && said.includes('Sandbox'),
          said,
        );
      });
    },
  );
  took('the tab seen in Chromium');
}

/** Runs main, then takes down what it started; the process's exit code. */
async function runToEnd(): Promise<number> {
  try {
    await main();
  } catch (error) {
    check(
      'the adopter end-to-end run',
      false,
      String((error as Error).stack ?? error).slice(0, 1500),
    );
  } finally {
    await Promise.all(running.map(p => p.stop()));
    took('done');
    // The host app's 1.3 GB go at the lowest priority, after this script (on a
    // busy machine a plain rm -rf took a minute and a half).
    if (temporary.length) {
      spawn('nice', ['-n', '19', 'rm', '-rf', ...temporary], {
        detached: true,
        stdio: 'ignore',
      }).unref();
    }
  }
  return report.summary();
}

runToEnd().then(code => process.exit(code));
