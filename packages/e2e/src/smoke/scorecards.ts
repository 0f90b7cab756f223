// End-to-end checks of the suite's scorecards in the running dev app: Tech
// Insights lists the suite's checks, runs them on churn-prediction from the
// facts its retrievers stored after the first snapshot, and the ML
// environment tab's Governance scorecard card and the organization page's
// Checks column show them in Chromium (axe-clean). Called by main.ts;
// scorecardsAlone.ts runs it alone on a dev stack it starts.
import { inspectView, withBrowser } from '../browser/index.ts';
import { waitFor } from '../lib/processes.ts';
import type { Check } from '../lib/report.ts';

const PROJECT = 'churn-prediction';
const SUITE_RETRIEVERS = [
  'mlEnvironmentsProjectFacts',
  'mlEnvironmentsAccountFacts',
];

type TechInsightsCheck = { id: string; factIds: string[] };
type CheckResult = { check: { id: string }; result: unknown };

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
}: {
  backend: string;
  /** Without it, only the API's checks. */
  frontend?: string;
  token: string | undefined;
  check: Check;
  outDir: string;
}): Promise<void> {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const listed = await fetch(`${backend}/api/tech-insights/checks`, {
    headers,
  });
  const checks = (listed.ok ? await listed.json() : []) as TechInsightsCheck[];
  const suite = checks.filter(c =>
    c.factIds.some(id => SUITE_RETRIEVERS.includes(id)),
  );
  check(
    'GET /api/tech-insights/checks lists at least three of the suite’s checks',
    suite.length >= 3,
    `status ${listed.status}, ${suite.map(c => c.id).join(',')}`,
  );

  // The retrievers run on each new snapshot; wait for their facts.
  const results = await waitFor(
    async () => {
      const response = await fetch(
        `${backend}/api/tech-insights/checks/run/default/system/${PROJECT}`,
        { method: 'POST', headers, body: '{}' },
      );
      const body = (response.ok ? await response.json() : []) as CheckResult[];
      return body.length > 0 ? body : undefined;
    },
    180_000,
    2000,
  );
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
