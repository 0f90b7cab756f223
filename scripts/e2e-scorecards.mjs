// End-to-end checks of the suite's scorecards in the running dev app: Tech
// Insights lists the suite's checks, runs them on churn-prediction from the
// facts its retrievers stored after the first snapshot, and the ML
// environment tab's Governance scorecard card and the organization page's
// Checks column show them in Chromium (axe-clean). Called by
// smoke-test.mjs; `node scripts/e2e-scorecards.mjs` runs it alone on a dev
// stack it starts (under the ports lock).
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspectView, withBrowser } from './e2e-browser.mjs';

const PROJECT = 'churn-prediction';
const SUITE_RETRIEVERS = [
  'mlEnvironmentsProjectFacts',
  'mlEnvironmentsAccountFacts',
];

async function poll(probe, timeoutMs, everyMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await sleep(everyMs);
  }
  return undefined;
}

/**
 * The checks, against the backend on `backend` (a signed-in user's `token`)
 * and the app on `frontend`.
 */
export async function checkScorecards({
  backend,
  frontend,
  token,
  check,
  outDir,
}) {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const listed = await fetch(`${backend}/api/tech-insights/checks`, {
    headers,
  });
  const checks = listed.ok ? await listed.json() : [];
  const suite = checks.filter(c =>
    c.factIds.some(id => SUITE_RETRIEVERS.includes(id)),
  );
  check(
    'GET /api/tech-insights/checks lists at least three of the suite’s checks',
    suite.length >= 3,
    `status ${listed.status}, ${suite.map(c => c.id).join(',')}`,
  );

  // The retrievers run on each new snapshot; wait for their facts.
  const results = await poll(async () => {
    const response = await fetch(
      `${backend}/api/tech-insights/checks/run/default/system/${PROJECT}`,
      { method: 'POST', headers, body: '{}' },
    );
    const body = response.ok ? await response.json() : [];
    return body.length > 0 ? body : undefined;
  }, 180_000);
  const outcome = Object.fromEntries(
    (results ?? []).map(r => [r.check.id, r.result]),
  );
  check(
    `running the checks for ${PROJECT} returns results (its seeded drift fails mlGuardrailsInPlace)`,
    outcome.mlGuardrailsInPlace === false &&
      outcome.mlProductsCurrent === true &&
      Object.keys(outcome).length >= 3,
    JSON.stringify(outcome),
  );

  if (!frontend) return;
  await withBrowser(
    { frontend, check, outDir, label: 'scorecards' },
    async ({ page, attempt, screenshots }) => {
      await attempt('browser: scorecard card', async () => {
        await page.goto(
          `${frontend}/catalog/default/system/${PROJECT}/ml-environment`,
        );
        const list = page.getByRole('list', { name: 'Scorecard checks' });
        await list.waitFor({ timeout: 60_000 });
        await list.scrollIntoViewIfNeeded();
        const card = await list.locator('xpath=../..').innerText();
        check(
          'browser: the ML environment tab shows the scorecard with each check and what to fix',
          /\d+ of \d+ checks pass/.test(card) &&
            card.includes('Guardrails in place') &&
            card.includes('To fix:'),
          card.slice(0, 200),
        );
        await inspectView(page, check, screenshots, 'scorecard');
      });
      await attempt('browser: organization Checks column', async () => {
        await page.goto(`${frontend}/ml-environments`);
        await page
          .getByRole('columnheader', { name: 'Checks' })
          .waitFor({ timeout: 60_000 });
        const cell = page.getByRole('img', { name: /checks pass/ }).first();
        await cell.waitFor({ timeout: 60_000 });
        check(
          "browser: the organization page's accounts show their checks",
          /\d+ of \d+ checks pass/.test(
            (await cell.getAttribute('aria-label')) ?? '',
          ),
        );
        await inspectView(page, check, screenshots, 'organization-checks');
      });
    },
  );
}

/** Alone: the dev stack, guest sign-in, the checks, `N passed, N failed`. */
async function main() {
  const backend = 'http://localhost:7007';
  const frontend = 'http://localhost:3000';
  const outDir = '.ci-out/scorecards';
  mkdirSync(outDir, { recursive: true });
  const results = [];
  const check = (name, ok, detail = '') => {
    results.push(Boolean(ok));
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`,
    );
  };
  const log = openSync(`${outDir}/dev.log`, 'w');
  const dev = spawn('npm', ['run', 'dev'], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, BROWSER: 'none' },
  });
  try {
    const up = await poll(
      async () =>
        (await fetch(`${backend}/.backstage/health/v1/readiness`)).ok &&
        (await (await fetch(frontend)).text()).includes('id="root"'),
      600_000,
    );
    check('the dev app starts', up);
    // Group membership is resolved at sign-in: once the catalog has users.
    const identity = await poll(async () => {
      const answer = await fetch(`${backend}/api/auth/guest/refresh`, {
        method: 'POST',
      });
      const body = answer.ok ? await answer.json() : {};
      return body.backstageIdentity?.identity?.ownershipEntityRefs?.includes(
        'group:default/team-churn',
      )
        ? body.backstageIdentity
        : undefined;
    }, 180_000);
    check('guest signs in', Boolean(identity));
    if (up && identity) {
      await checkScorecards({
        backend,
        frontend,
        token: identity.token,
        check,
        outDir,
      });
    }
  } finally {
    try {
      process.kill(-dev.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const passed = results.filter(Boolean).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(results.every(Boolean) ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
