// End-to-end smoke test of the newcomer's first command: `npm run dev` must
// bring up the frontend on :3000 and the backend on :7007 with the seeded
// catalog and guest sign-in (firstRun.ts, status.ts); the three templates
// must provision and publish their projects (src/templates); the frontend
// plugin must show the demo organization and a generated project in a real
// browser (src/browser), with what projects cost (cost.ts) and the
// scorecards Tech Insights runs on them (scorecards.ts); a newcomer must get
// from sign-in to Studio through the UI alone (journey/), and fill every
// other template by hand, with ada approving the requests and mallory
// refused the guest's project (everyTemplate/); the dev app must show a
// brownfield organization, and a malformed plugin setting must stop the
// backend with a message naming the key (afterwards.ts). Prints
// `N passed, N failed`.
import { mkdirSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  checkDemoOrganization,
  checkGeneratedProject,
} from '../browser/index.ts';
import { createReport } from '../lib/report.ts';
import { BACKEND, EMULATOR, FRONTEND } from '../lib/stack.ts';
import { RETIRED_PROJECT, templateChecks } from '../templates/index.ts';
import { checkBadConfig, checkBrownfield } from './afterwards.ts';
import { checkCost } from './cost.ts';
import { checkEveryTemplate } from './everyTemplate/index.ts';
import { checkFirstRun } from './firstRun.ts';
import { checkNewcomerJourney } from './journey/index.ts';
import { checkScorecards } from './scorecards.ts';
import { stage, startQuietly } from './stack.ts';
import { checkStatus } from './status.ts';

async function main(): Promise<number> {
  const { check, summary } = createReport();

  mkdirSync('.ci-out', { recursive: true });
  // publish:local's repositories (app-config.yaml); the emulator starts empty of
  // them too, so repositories of an earlier run would only mislead.
  const LOCAL_REPOSITORIES = 'local-repositories';
  rmSync(LOCAL_REPOSITORIES, { recursive: true, force: true });

  // 1. The first command, as a newcomer runs it.
  const dev = startQuietly('npm', ['run', 'dev'], '.ci-out/dev.log', {
    cwd: process.cwd(),
  });
  try {
    const { frontendUp, identity, auth } = await checkFirstRun(check);
    await checkStatus(check, auth);

    // 2. The frontend plugin in a real browser, on the demo organization
    // before the templates add their projects to it.
    if (frontendUp) {
      await stage(check, 'browser on the demo organization', () =>
        checkDemoOrganization({
          frontend: FRONTEND,
          check,
          seedFile: 'packages/aws-emulator/seeds/demo.yaml',
          outDir: '.ci-out',
        }),
      );
      // What a project spends: the cost card and the spend table (issue 39).
      await stage(check, 'cost in the browser', () =>
        checkCost({ frontend: FRONTEND, check, outDir: '.ci-out' }),
      );
    }
    // The suite's scorecards: Tech Insights' checks on the demo's facts, and
    // the card and column that show them.
    await stage(check, 'scorecards', () =>
      checkScorecards({
        backend: BACKEND,
        frontend: frontendUp ? FRONTEND : undefined,
        token: identity?.token,
        check,
        outDir: '.ci-out',
      }),
    );

    // 3. The three templates through the scaffolder API, on the emulator.
    await stage(check, 'templates', () =>
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
      await stage(check, 'browser on a generated project', () =>
        checkGeneratedProject({
          frontend: FRONTEND,
          check,
          outDir: '.ci-out',
          generatedProject: 'credit-scoring',
          retiredProject: RETIRED_PROJECT,
        }),
      );
      // 5. The newcomer's journey through the UI, the template form by hand.
      await stage(check, "the newcomer's journey", () =>
        checkNewcomerJourney({
          frontend: FRONTEND,
          check,
          outDir: '.ci-out',
          project: 'journey-forecast',
        }),
      );
      // The other templates by hand: the guest's sandbox and dev projects,
      // ada's approvals of their requests, mallory refused, the retirement.
      await stage(check, 'every template by hand', () =>
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
    await dev.stop();
  }
  await sleep(3000);

  await checkBrownfield(check);
  await sleep(3000);

  await checkBadConfig(check);

  return summary();
}

main().then(code => process.exit(code));
