// Browser end-to-end checks of the frontend plugin in the running dev app
// (`npm run dev`, the emulator's demo organization): Debian's chromium driven
// by playwright-core signs in as guest, opens a project's entity page, its
// "ML environment" tab and the organization page, and compares what they
// show with seeds/demo.yaml; then a project generated from a template and its
// TechDocs. Screenshots go to .ci-out/screenshots/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { parse } from 'yaml';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const AXE_SCRIPT = createRequire(import.meta.url).resolve(
  'axe-core/axe.min.js',
);
/** The screen sizes each view is looked at (and photographed) in. */
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];

/**
 * Photographs the current page at each size and checks that nothing sticks
 * out sideways (a table wider than its card widens the page).
 */
export async function photograph(page, check, screenshots, view) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300); // the layout settles after a resize
    const size = `${viewport.width}x${viewport.height}`;
    await page.screenshot({
      path: `${screenshots}/${view}-${size}.png`,
      fullPage: true,
    });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    check(
      `browser: ${view} fits ${size} without sideways scrolling`,
      overflow <= 0,
      `${overflow} px too wide`,
    );
  }
  await page.setViewportSize({ width: 1440, height: 1000 });
}

/**
 * Looks at the current page at each size (photograph) and for axe-core's
 * serious or critical accessibility violations.
 */
export async function inspectView(page, check, screenshots, view) {
  await photograph(page, check, screenshots, view);
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.length,
        target: v.nodes[0]?.target?.join(' '),
      }));
  });
  check(
    `browser: ${view} has no serious or critical accessibility violation (axe-core)`,
    violations.length === 0,
    violations
      .map(v => `${v.id} (${v.impact}, ${v.nodes}× e.g. ${v.target})`)
      .join('; '),
  );
}

/**
 * Why an account is non-compliant, by keyboard alone: its name on the
 * organization page is a button; Enter opens its details, which name the
 * non-compliant resource (seed drift 2); Escape closes them. `whileOpen`
 * runs with the details shown. Returns what they say.
 */
export async function whyByKeyboard(page, account, whileOpen = async () => {}) {
  await page
    .getByRole('button', { name: `${account}: guardrail details` })
    .focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Guardrails of ${account}` });
  await dialog.getByText(`${account}-exports`).waitFor();
  const said = await dialog.textContent();
  await whileOpen();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  return said;
}

/** Every account of the seed, the management account included. */
function seedAccounts(seedFile) {
  const seed = parse(readFileSync(seedFile, 'utf8'));
  const inOus = ous =>
    (ous ?? []).flatMap(ou => [...(ou.accounts ?? []), ...inOus(ou.children)]);
  return [
    seed.organization.managementAccount,
    ...(seed.accounts ?? []),
    ...inOus(seed.organizationalUnits),
  ];
}

/**
 * Opens Debian's chromium, signs in as guest on `frontend`, runs `checks`
 * with the page, and reports uncaught page errors; each step reports through
 * `check(name, ok, detail)` and a failed one leaves a screenshot.
 */
export async function withBrowser({ frontend, check, outDir, label }, checks) {
  const screenshots = `${outDir}/screenshots`;
  mkdirSync(screenshots, { recursive: true });
  const userDataDir = `${outDir}/chromium-profile-${Date.now()}`;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('pageerror', error => consoleErrors.push(error.message));
  // TechDocs pages hold a second body in their shadow root.
  const text = async () => page.locator('body').first().innerText();
  const attempt = async (name, body) => {
    try {
      await body();
    } catch (error) {
      check(name, false, String(error.message ?? error).split('\n')[0]);
      await page
        .screenshot({
          path: `${screenshots}/failed-${name.replace(/\W+/g, '-')}.png`,
        })
        .catch(() => {});
    }
  };
  try {
    await attempt(`browser (${label}): guest sign-in`, async () => {
      await page.goto(frontend);
      await page.getByRole('button', { name: 'Enter' }).click();
      await page.waitForURL(url => !url.pathname.includes('sign-in'));
      // The app restores the session on the next page load from this key.
      await page.waitForFunction(() =>
        Boolean(localStorage.getItem('@backstage/core:SignInPage:provider')),
      );
      await page
        .getByText('My Company Catalog')
        .or(page.getByText('Catalog'))
        .first()
        .waitFor();
      check(`browser (${label}): guest sign-in`, true);
    });

    await checks({ page, text, attempt, screenshots, context });
    check(
      `browser (${label}): no uncaught page errors`,
      consoleErrors.length === 0,
      consoleErrors.slice(0, 3).join(' | '),
    );
  } finally {
    await context.close();
  }
}

/** The entity page, its ML environment tab and the organization page. */
export async function checkDemoOrganization({
  frontend,
  check,
  seedFile,
  outDir,
}) {
  await withBrowser(
    { frontend, check, outDir, label: 'demo' },
    async ({ page, text, attempt, screenshots }) => {
      await attempt('browser: home page', async () => {
        // The first screen after sign-in says what the suite is (was a 404).
        await page.goto(`${frontend}/`);
        await page.getByText('My ML projects').waitFor();
        await inspectView(page, check, screenshots, 'home');
        const body = await text();
        check(
          "browser: the home page offers Create, compliance, docs and the guest's team's projects",
          !body.includes('dropped the mic') &&
            body.includes('Create an ML project'.toUpperCase()) &&
            body.includes('ORGANIZATION COMPLIANCE') &&
            body.includes('churn-prediction') &&
            !body.includes('fraud-detection'),
          body.slice(0, 300),
        );
      });

      await attempt('browser: entity page layout card', async () => {
        await page.goto(`${frontend}/catalog/default/system/churn-prediction`);
        await page.getByText('AWS account layout').first().waitFor();
        await page.getByText('churn-prediction-dev (200000000011)').waitFor();
        await inspectView(page, check, screenshots, 'entity-overview');
        const body = await text();
        check(
          'browser: entity page shows the layout card with the seeded states',
          body.includes('OU Workloads/Workloads_PreProd') &&
            body.includes('churn-prediction-prod (200000000013)') &&
            /drifted/.test(body) &&
            /missing/.test(body),
        );
      });

      await attempt('browser: ML environment tab', async () => {
        await page.goto(
          `${frontend}/catalog/default/system/churn-prediction/ml-environment`,
        );
        await page.getByTestId('account-node-200000000012').waitFor();
        await page.getByText('Effective permissions').waitFor();
        await inspectView(page, check, screenshots, 'entity-ml-environment');
        const preprod = await page
          .getByTestId('account-node-200000000012')
          .textContent();
        const prod = await page
          .getByTestId('account-node-200000000013')
          .textContent();
        check(
          'browser: diagram shows preprod missing a guardrail and prod drifted (seed drifts 1 and 3)',
          preprod.includes('OU Workloads/Workloads_PreProd') &&
            preprod.includes('missing') &&
            prod.includes('drifted'),
          `preprod "${preprod}", prod "${prod}"`,
        );
        const body = await text();
        check(
          'browser: guardrails table names require-vpc missing on preprod',
          /require-vpc/.test(body) && /need attention/.test(body),
        );
        check(
          'browser: effective permissions deny SageMaker endpoints in dev, naming the SCP',
          /SageMaker endpoints: denied in dev by mlgov-deny-sagemaker-hosting/.test(
            body,
          ),
        );
        check(
          "browser: tab links the seeded project's onboarding guide (TechDocs)",
          body.includes('Onboarding guide (TechDocs)') &&
            !body.includes('No onboarding guide'),
        );
      });

      await attempt('browser: template form', async () => {
        await page.goto(
          `${frontend}/create/templates/default/ml-mlops-project`,
        );
        await page.getByLabel('Project name').first().fill('fraud-scoring');
        await page.getByRole('button', { name: 'Owner group' }).click();
        await page
          .getByRole('option', { name: /Churn Prediction/ })
          .first()
          .click();
        // A bad cost center: Next lists the problem above the form in words
        // (the field's errorMessage), not as the pattern's regular expression.
        const costCenter = page.getByLabel('Cost center').first();
        await costCenter.fill('CC 12;34');
        await page.getByRole('button', { name: 'Next' }).click();
        await page
          .getByText("'Cost center' looks like CC-1234")
          .first()
          .waitFor();
        check(
          'browser: Next lists a bad cost center in words, not as a regular expression',
          !(await text()).includes('must match pattern'),
        );
        await costCenter.fill('CC-1234');
        await page.getByRole('button', { name: 'Next' }).click();
        await page
          .getByText('Pattern 3: MLOps with cross-account deployment')
          .waitFor();
        await page.screenshot({
          path: `${screenshots}/template-form.png`,
          fullPage: true,
        });
        check(
          'browser: the MLOps template form shows what the pattern provisions, picked already (MlPatternPicker)',
          (await page.getByRole('radio', { checked: true }).count()) === 1 &&
            (await text()).includes(
              'automation account in Deployments/Deployments_Prod',
            ),
        );
      });

      await attempt('browser: organization page', async () => {
        await page.goto(`${frontend}/ml-environments`);
        await page.getByText('Compliance by OU').waitFor();
        await page.getByText(/^Accounts \(\d+\)$/).waitFor();
        await inspectView(page, check, screenshots, 'organization');
        const headers = await page.getByRole('columnheader').allTextContents();
        check(
          'browser: compliance matrix heads its columns with guardrail titles, not ids',
          headers.some(h => h.includes('SageMaker only inside a VPC')) &&
            !headers.some(h => /^[a-z0-9]+(-[a-z0-9]+)+$/.test(h.trim())),
          headers.join(' | '),
        );
        // The sidebar's label for the page is shown whole, not cut short.
        const label = page.getByText('ML governance', { exact: true }).first();
        const clipped = await label.evaluate(
          el => el.scrollWidth > el.clientWidth,
        );
        check(
          "browser: the sidebar shows the page's label whole (ML governance)",
          !clipped,
        );
        const expected = seedAccounts(seedFile).length;
        const shown = await page.getByText(/^Accounts \(\d+\)$/).textContent();
        check(
          'browser: organization page counts every account of the seed',
          shown === `Accounts (${expected})`,
          `${shown}, expected ${expected}`,
        );
        const preprodRow = await page
          .getByRole('row', { name: /Workloads\/Workloads_PreProd/ })
          .first()
          .textContent();
        check(
          'browser: compliance matrix shows require-vpc missing on Workloads_PreProd',
          /missing/.test(preprodRow),
          preprodRow,
        );
        const treeText = await page
          .getByRole('list', { name: 'Organizational units' })
          .textContent();
        check(
          "browser: OU tree shows the guide's OUs",
          [
            'Security',
            'Infrastructure',
            'Sandbox',
            'Workloads',
            'Deployments',
          ].every(ou => treeText.includes(ou)),
        );

        await page.getByRole('button', { name: 'Status', exact: true }).click();
        await page.getByRole('option', { name: 'non-compliant' }).click();
        await page.getByText(/^Accounts \(1 of \d+\)$/).waitFor();
        await page.screenshot({
          path: `${screenshots}/organization-non-compliant.png`,
          fullPage: true,
        });
        check(
          'browser: status filter leaves the one non-compliant account (seed drift 2)',
          (await text()).includes('fraud-detection-dev'),
        );
        const said = await whyByKeyboard(page, 'fraud-detection-dev', () =>
          page.screenshot({
            path: `${screenshots}/organization-account-details.png`,
          }),
        );
        check(
          'browser: the keyboard opens why an account is non-compliant, naming the resource and what to do',
          said.includes('fraud-detection-dev-exports') &&
            said.includes('What to do'),
          said.slice(0, 200),
        );
      });
    },
  );
}

/**
 * The organization page on the brownfield organization (AWS_EMULATOR_SEED=
 * brownfield): every account counted, other teams' accounts marked
 * unmanaged, the OU tree five deep.
 */
export async function checkBrownfieldOrganization({
  frontend,
  check,
  outDir,
  accounts,
}) {
  await withBrowser(
    { frontend, check, outDir, label: 'brownfield' },
    async ({ page, text, attempt, screenshots }) => {
      await attempt('browser: brownfield organization page', async () => {
        // The first read of 1,000 accounts is published stage by stage (and
        // before its first stage there is no status at all); the page says
        // so until it is complete.
        const deadline = Date.now() + 300_000;
        for (;;) {
          await page.goto(`${frontend}/ml-environments`);
          // Before the first snapshot the page says so and does not reload.
          await page
            .getByText('Compliance by OU')
            .or(page.getByText('No status yet'))
            .first()
            .waitFor({ timeout: 120_000 });
          const loading =
            (await page
              .getByText('The first read of the organization is under way')
              .count()) + (await page.getByText('No status yet').count());
          if (loading === 0 || Date.now() > deadline) break;
          await page.waitForTimeout(3000);
        }
        await page
          .getByText(/^Accounts \(\d+\)$/)
          .waitFor({ timeout: 120_000 });
        await page.screenshot({
          path: `${screenshots}/brownfield-organization.png`,
          fullPage: true,
        });
        const shown = await page.getByText(/^Accounts \(\d+\)$/).textContent();
        check(
          'browser: brownfield organization page counts every account',
          shown === `Accounts (${accounts})`,
          `${shown}, expected ${accounts}`,
        );
        const body = await text();
        check(
          "browser: brownfield accounts that are not the suite's are marked unmanaged",
          body.includes('unmanaged'),
        );
        const treeText = await page
          .getByRole('list', { name: 'Organizational units' })
          .textContent();
        check(
          "browser: brownfield OU tree shows business units and the guide's OUs",
          ['BU01', 'BU12', 'Workloads', 'Suspended'].every(ou =>
            treeText.includes(ou),
          ),
        );
      });
    },
  );
}

/** A project the templates generated: its tab and its TechDocs onboarding. */
export async function checkGeneratedProject({
  frontend,
  check,
  outDir,
  generatedProject,
  retiredProject,
}) {
  await withBrowser(
    { frontend, check, outDir, label: 'generated project' },
    async ({ page, attempt, screenshots }) => {
      await attempt('browser: generated project', async () => {
        await page.goto(
          `${frontend}/catalog/default/system/${generatedProject}/ml-environment`,
        );
        const link = page.getByRole('link', {
          name: 'Onboarding guide (TechDocs)',
        });
        await link.waitFor();
        await page.screenshot({
          path: `${screenshots}/generated-project.png`,
          fullPage: true,
        });
        await link.click();
        await page
          .getByRole('heading', { name: generatedProject })
          .first()
          .waitFor();
        await page
          .getByText('Account pattern')
          .first()
          .waitFor({ timeout: 120_000 });
        await page.screenshot({
          path: `${screenshots}/generated-project-docs.png`,
          fullPage: true,
        });
        check(
          `browser: ${generatedProject}'s tab links its TechDocs onboarding, which opens`,
          true,
        );
      });

      // The templates' run left churn-prediction an approved exception.
      await attempt('browser: guardrail exceptions', async () => {
        await page.goto(
          `${frontend}/catalog/default/system/churn-prediction/ml-environment`,
        );
        const card = page
          .locator('div')
          .filter({ hasText: /^Guardrail exceptions/ })
          .first();
        await page.getByText('Guardrail exceptions').first().waitFor();
        const row = page
          .getByRole('row')
          .filter({ hasText: 'One real-time endpoint for the board demo' });
        await row.getByText('active').waitFor();
        await page.getByText('excepted').first().waitFor();
        await card.scrollIntoViewIfNeeded();
        await page.screenshot({
          path: `${screenshots}/guardrail-exceptions.png`,
          fullPage: true,
        });
        check(
          "browser: churn-prediction's tab shows its approved exception and the guardrail as excepted",
          true,
        );
      });

      // The templates' run left churn-prediction reading customers, approved
      // by a data owner, and web_events ended (scripts/e2e-data-access.mjs).
      await attempt('browser: data-lake access', async () => {
        await page.goto(
          `${frontend}/catalog/default/system/churn-prediction/ml-environment`,
        );
        const table = page.getByRole('table', { name: 'Data-lake access' });
        await table
          .getByRole('row')
          .filter({ hasText: 'customers' })
          .getByText('active')
          .waitFor();
        await table
          .getByRole('row')
          .filter({ hasText: 'web_events' })
          .getByText('revoked')
          .waitFor();
        await table.scrollIntoViewIfNeeded();
        await page.screenshot({
          path: `${screenshots}/data-lake-access.png`,
          fullPage: true,
        });
        check(
          "browser: churn-prediction's tab shows its data-lake access: customers active, web_events revoked",
          true,
        );
      });

      // Provisioning put the new projects' prod accounts in an OU whose
      // control has drifted: their owner group (the guest's) was told. The
      // fault drill's copies (drill-<project>) count as well.
      await attempt('browser: notifications', async () => {
        await page.goto(`${frontend}/notifications`);
        await page.getByPlaceholder('Filter').fill(generatedProject);
        await page
          .getByText(new RegExp(`${generatedProject}: \\d+ guardrail problem`))
          .first()
          .waitFor({ timeout: 60_000 });
        await page.screenshot({
          path: `${screenshots}/notifications.png`,
          fullPage: true,
        });
        check(
          `browser: the owner group is notified of ${generatedProject}'s guardrail problems (Backstage notifications)`,
          true,
        );
      });

      // The templates' run retired one project (scripts/e2e-offboarding.mjs).
      await attempt('browser: retired project', async () => {
        await page.goto(
          `${frontend}/catalog/default/system/${retiredProject}/ml-environment`,
        );
        await page.getByText(/Retired on \d{4}-\d\d-\d\d/).waitFor();
        await page.getByText(/accounts wait in the Suspended OU/).waitFor();
        const studio = await page
          .getByRole('button', { name: /Open SageMaker Studio/ })
          .count();
        await page.screenshot({
          path: `${screenshots}/retired-project.png`,
          fullPage: true,
        });
        check(
          `browser: ${retiredProject}'s tab says it is retired, with its accounts in the Suspended OU and no Studio button`,
          studio === 0,
          `${studio} Studio button(s)`,
        );
      });
    },
  );
}
