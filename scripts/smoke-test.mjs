// End-to-end smoke test of the newcomer's first command: `npm run dev` must
// bring up the frontend on :3000 and the backend on :7007 with the seeded
// catalog and guest sign-in; the three templates must provision and publish
// their projects (e2e-templates.mjs); the frontend plugin must show the demo
// organization and a generated project in a real browser (e2e-browser.mjs),
// with the scorecards Tech Insights runs on it (e2e-scorecards.mjs);
// a newcomer must get from sign-in to Studio through the UI alone
// (e2e-journey.mjs), and fill every other template by hand, with ada
// approving the requests and mallory refused the guest's project
// (e2e-journey-all.mjs); and a malformed plugin setting must stop the backend
// with a message naming the key. Prints
// `N passed, N failed`.
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  checkDemoOrganization,
  checkGeneratedProject,
  checkBrownfieldOrganization,
} from './e2e-browser.mjs';
import { checkCost } from './e2e-cost.mjs';
import { checkNewcomerJourney } from './e2e-journey.mjs';
import { checkScorecards } from './e2e-scorecards.mjs';
import { checkEveryTemplate } from './e2e-journey-all.mjs';
import { templateChecks } from './e2e-templates.mjs';
import { RETIRED_PROJECT } from './e2e-offboarding.mjs';

const FRONTEND = 'http://localhost:3000';
const EMULATOR = 'http://127.0.0.1:4599';
const BACKEND = 'http://localhost:7007';
const results = [];

function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

/** Runs a group of checks; a crash in it counts as one failed check. */
async function stage(name, run) {
  try {
    await run();
  } catch (error) {
    check(`${name} ran to its end`, false, error.stack ?? String(error));
  }
}

function start(command, args, logFile, cwd, env = {}) {
  const child = spawn(command, args, {
    cwd,
    detached: true, // own process group, so the whole tree can be stopped
    stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')],
    env: { ...process.env, BROWSER: 'none', ...env },
  });
  return {
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return true;
    } catch {
      // not up yet
    }
    await sleep(1000);
  }
  console.log(`gave up waiting for ${what} after ${timeoutMs / 1000}s`);
  return false;
}

/** Dry-runs a one-step template in the scaffolder; returns the response body. */
async function scaffolderDryRun(auth, name, step, output) {
  const response = await fetch(`${BACKEND}/api/scaffolder/v2/dry-run`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      template: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name },
        spec: {
          owner: 'group:default/team-churn',
          type: 'service',
          parameters: [],
          steps: [step],
          output,
        },
      },
      values: {},
      secrets: {},
      directoryContents: [],
    }),
  });
  return {
    status: response.status,
    body: response.ok ? await response.json() : {},
  };
}

mkdirSync('.ci-out', { recursive: true });
// publish:local's repositories (app-config.yaml); the emulator starts empty of
// them too, so repositories of an earlier run would only mislead.
const LOCAL_REPOSITORIES = 'local-repositories';
rmSync(LOCAL_REPOSITORIES, { recursive: true, force: true });

// 1. The first command, as a newcomer runs it.
const dev = start('npm', ['run', 'dev'], '.ci-out/dev.log', process.cwd());
try {
  const backendUp = await waitFor(
    'the backend',
    async () => (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok,
    600_000,
  );
  check('backend answers on :7007', backendUp);

  const frontendUp = await waitFor(
    'the frontend',
    async () => (await (await fetch(FRONTEND)).text()).includes('id="root"'),
    600_000,
  );
  check('frontend serves the app on :3000', frontendUp);
  if (frontendUp) {
    const html = await (await fetch(FRONTEND)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map(
      m => m[1],
    );
    const bundles = await Promise.all(
      scripts.map(async src => (await fetch(new URL(src, FRONTEND))).status),
    );
    check(
      'frontend bundles load',
      scripts.length > 0 && bundles.every(s => s === 200),
      `${scripts.length} scripts, statuses ${bundles.join(',')}`,
    );
  }

  const signIn = async () => {
    const refresh = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    }).catch(() => undefined);
    return refresh?.ok ? (await refresh.json()).backstageIdentity : undefined;
  };
  let identity = await signIn();
  check('guest sign-in gives a token', Boolean(identity?.token));

  // The catalog reads its file locations shortly after start.
  let project;
  await waitFor(
    'the seeded catalog',
    async () => {
      const entities = await (
        await fetch(`${BACKEND}/api/catalog/entities`, {
          headers: { authorization: `Bearer ${identity?.token}` },
        })
      ).json();
      project = entities.find(
        e => e.kind === 'System' && e.metadata.name === 'churn-prediction',
      );
      return Boolean(project) && entities.some(e => e.kind === 'User');
    },
    60_000,
  );
  // Group membership is resolved at sign-in, so sign in again now that the
  // catalog holds the User.
  identity = await signIn();
  check(
    'guest is a member of the example team',
    Boolean(
      identity?.identity?.ownershipEntityRefs?.includes(
        'group:default/team-churn',
      ),
    ),
  );
  const auth = { authorization: `Bearer ${identity?.token}` };
  check(
    'catalog lists the seeded ML project with its annotations',
    project?.metadata.annotations?.['ml-environments.io/project'] ===
      'churn-prediction' &&
      project?.metadata.annotations?.['ml-environments.io/pattern'] === 'mlops',
  );

  // 503 until the first snapshot is read; either way the user got through.
  const signedIn = await fetch(`${BACKEND}/api/ml-environments/organization`, {
    headers: auth,
  });
  check(
    'ml-environments backend answers a signed-in user',
    signedIn.ok || signedIn.status === 503,
    `status ${signedIn.status}`,
  );
  const emulator = await fetch(`${EMULATOR}/_emulator/health`)
    .then(r => r.json())
    .catch(() => ({}));
  check(
    'the AWS emulator runs with the demo organization',
    emulator.organizationId === 'o-demoorg0001',
  );

  // A dry run of the suite's scaffolder action reads the emulator's OUs
  // through the AWS SDK, as it would read AWS.
  const { status: dryRunStatus, body: dryRunBody } = await scaffolderDryRun(
    auth,
    'smoke-ou',
    {
      id: 'ou',
      name: 'Ensure OU',
      action: 'aws:organizations:ensureOrganizationalUnit',
      input: { path: 'Workloads/Workloads_Dev' },
    },
    { ouId: '${{ steps.ou.output.ouId }}' },
  );
  const dryRunLog = (dryRunBody.log ?? [])
    .map(l => l.body?.message ?? '')
    .join('\n');
  check(
    'the backend reaches the emulator through the scaffolder action',
    /^ou-demo-/.test(dryRunBody.output?.ouId ?? '') &&
      dryRunLog.includes('OU Workloads/Workloads_Dev exists'),
    `status ${dryRunStatus}, ouId ${dryRunBody.output?.ouId}`,
  );

  // The status backend refreshes its snapshot of the emulator shortly after
  // start, publishing it stage by stage: wait until nothing is loading.
  let organization;
  await waitFor(
    'the first complete organization snapshot',
    async () => {
      const response = await fetch(
        `${BACKEND}/api/ml-environments/organization`,
        {
          headers: auth,
        },
      );
      organization = response.ok ? await response.json() : undefined;
      return Boolean(organization) && !organization.loading?.length;
    },
    120_000,
  );
  check(
    'the status backend reports the demo organization',
    organization?.organizationId === 'o-demoorg0001' &&
      organization?.root.state === 'missing',
    `state ${organization?.root.state}`,
  );
  const churn = await fetch(
    `${BACKEND}/api/ml-environments/projects/churn-prediction`,
    {
      headers: auth,
    },
  ).then(r => (r.ok ? r.json() : {}));
  check(
    "the status backend finds the seeded drift in churn-prediction's accounts",
    churn.accounts?.map(a => `${a.stage}:${a.state}`).join(',') ===
      'dev:ok,preprod:missing,prod:drifted,automation:ok',
    churn.accounts?.map(a => `${a.stage}:${a.state}`).join(','),
  );
  const studio = await fetch(
    `${BACKEND}/api/ml-environments/projects/churn-prediction/studio-url`,
    { method: 'POST', headers: auth },
  ).then(r => (r.ok ? r.json() : {}));
  check(
    "the guest, in the project's team, gets a presigned Studio URL that the log does not show",
    /\/_studio\/d-[a-z0-9]+\/auth\?token=/.test(studio.url ?? '') &&
      !readFileSync('.ci-out/dev.log', 'utf8').includes(studio.url),
  );

  // The catalog module turns the snapshot's accounts into Resources.
  let parts = [];
  await waitFor(
    'the AWS accounts in the catalog',
    async () => {
      const system = await fetch(
        `${BACKEND}/api/catalog/entities/by-name/system/default/churn-prediction`,
        { headers: auth },
      ).then(r => r.json());
      parts = (system.relations ?? [])
        .filter(r => r.type === 'hasPart')
        .map(r => r.targetRef)
        .sort();
      return parts.length > 0;
    },
    120_000,
  );
  check(
    "the catalog holds churn-prediction's four AWS accounts as Resources of its System",
    parts.join(',') ===
      ['200000000011', '200000000012', '200000000013', '200000000014']
        .map(id => `resource:default/aws-account-${id}`)
        .join(','),
    parts.join(','),
  );

  // The composite action plans a whole project in a dry run, with no change.
  const callsBefore = await fetch(`${EMULATOR}/_emulator/calls`).then(r =>
    r.json(),
  );
  const { status: projectStatus, body: projectBody } = await scaffolderDryRun(
    auth,
    'smoke-project',
    {
      id: 'provision',
      name: 'Provision',
      action: 'aws:ml:provisionProject',
      input: {
        pattern: 'mlops',
        project: 'smoke-test',
        owner: 'group:default/team-churn',
        costCenter: 'CC-0000',
      },
    },
    { accounts: '${{ steps.provision.output.layout.accounts | length }}' },
  );
  const callsAfter = await fetch(`${EMULATOR}/_emulator/calls`).then(r =>
    r.json(),
  );
  const mutating = Object.keys(callsAfter.calls ?? {}).filter(
    op =>
      /:(Create|Attach|Move|Tag|Enable|Update|Provision|Accept|Associate)/.test(
        op,
      ) && callsAfter.calls[op] !== (callsBefore.calls ?? {})[op],
  );
  check(
    'a dry run of aws:ml:provisionProject plans four accounts and changes nothing',
    String(projectBody.output?.accounts) === '4' && mutating.length === 0,
    `status ${projectStatus}, accounts ${
      projectBody.output?.accounts
    }, mutating ${mutating.join(',') || 'none'}`,
  );

  // TechDocs builds the suite's own docs (mkdocs.yml at the root) locally.
  const sync = await fetch(
    `${BACKEND}/api/techdocs/sync/default/component/ml-environments-suite`,
    { headers: auth },
  );
  const syncEvents = await sync.text();
  const page = await fetch(
    `${BACKEND}/api/techdocs/static/docs/default/component/ml-environments-suite/architecture/index.html`,
    { headers: auth },
  );
  check(
    "TechDocs builds the suite's docs",
    syncEvents.includes('event: finish') &&
      page.ok &&
      (await page.text()).includes('From a template to AWS'),
    `sync ${sync.status}, page ${page.status}`,
  );

  const anonymous = await fetch(`${BACKEND}/api/ml-environments/organization`);
  check(
    'ml-environments backend refuses anonymous calls',
    anonymous.status === 401,
    `status ${anonymous.status}`,
  );

  // 2. The frontend plugin in a real browser, on the demo organization
  // before the templates add their projects to it.
  if (frontendUp) {
    await stage('browser on the demo organization', () =>
      checkDemoOrganization({
        frontend: FRONTEND,
        check,
        seedFile: 'packages/aws-emulator/seeds/demo.yaml',
        outDir: '.ci-out',
      }),
    );
    // What a project spends: the cost card and the spend table (issue 39).
    await stage('cost in the browser', () =>
      checkCost({ frontend: FRONTEND, check, outDir: '.ci-out' }),
    );
  }
  // The suite's scorecards: Tech Insights' checks on the demo's facts, and
  // the card and column that show them.
  await stage('scorecards', () =>
    checkScorecards({
      backend: BACKEND,
      frontend: frontendUp ? FRONTEND : undefined,
      token: identity?.token,
      check,
      outDir: '.ci-out',
    }),
  );

  // 3. The three templates through the scaffolder API, on the emulator.
  await stage('templates', () =>
    templateChecks({
      backend: BACKEND,
      emulator: EMULATOR,
      token: identity?.token,
      check,
      repositories: LOCAL_REPOSITORIES,
    }),
  );

  // 4. A generated project in the browser, with its TechDocs onboarding.
  if (frontendUp) {
    await stage('browser on a generated project', () =>
      checkGeneratedProject({
        frontend: FRONTEND,
        check,
        outDir: '.ci-out',
        generatedProject: 'credit-scoring',
        retiredProject: RETIRED_PROJECT,
      }),
    );
    // 5. The newcomer's journey through the UI, the template form by hand.
    await stage("the newcomer's journey", () =>
      checkNewcomerJourney({
        frontend: FRONTEND,
        check,
        outDir: '.ci-out',
        project: 'journey-forecast',
      }),
    );
    // The other templates by hand: the guest's sandbox and dev projects,
    // ada's approvals of their requests, mallory refused, the retirement.
    await stage('every template by hand', () =>
      checkEveryTemplate({
        frontend: FRONTEND,
        check,
        outDir: '.ci-out',
        sandbox: 'journey-sandbox',
        dev: 'journey-returns',
      }),
    );
  }
} finally {
  dev.stop();
}
await sleep(3000);

// 6. The dev app on a company-sized brownfield organization.
const brownfield = start(
  'npm',
  ['run', 'dev'],
  '.ci-out/dev-brownfield.log',
  process.cwd(),
  { AWS_EMULATOR_SEED: 'brownfield' },
);
try {
  const up = await waitFor(
    'the frontend on the brownfield organization',
    async () =>
      (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok &&
      (await (await fetch(FRONTEND)).text()).includes('id="root"'),
    600_000,
  );
  check('dev app starts on the brownfield organization', up);
  if (up) {
    await stage('browser on the brownfield organization', () =>
      checkBrownfieldOrganization({
        frontend: FRONTEND,
        check,
        outDir: '.ci-out',
        accounts: 1000,
      }),
    );
  }
} finally {
  brownfield.stop();
}
await sleep(3000);

// 7. A malformed plugin setting stops the backend with the key's name.
writeFileSync(
  '.ci-out/bad-config.yaml',
  'mlEnvironments:\n  aws:\n    endpoint: localhost:4599\n',
);
const bad = start(
  'backstage-cli',
  [
    'package',
    'start',
    '--config',
    '../../app-config.yaml',
    '--config',
    '../../.ci-out/bad-config.yaml',
  ],
  '.ci-out/bad-config.log',
  'packages/backend',
);
try {
  const failed = await waitFor(
    'the backend to refuse the bad configuration',
    async () =>
      readFileSync('.ci-out/bad-config.log', 'utf8').includes(
        'Backend startup failed',
      ),
    300_000,
  );
  const log = readFileSync('.ci-out/bad-config.log', 'utf8');
  check(
    'malformed mlEnvironments.aws.endpoint stops the start, naming the key',
    failed &&
      /startup failed; caused by Error: Invalid configuration at mlEnvironments\.aws\.endpoint/.test(
        log,
      ),
  );
} finally {
  bad.stop();
}

const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(results.every(Boolean) ? 0 : 1);
