// The newcomer's journey (issue 19), walked through the dev app's UI the way
// an ML engineer of team-churn would on the first day: sign in, the home
// page, the template form filled by hand, the task's links, the project's ML
// environment tab, SageMaker Studio, the onboarding guide and its search, and
// why an account is non-compliant, by keyboard. Each view is photographed at
// 1440 × 900 and 1024 × 768 (.ci-out/screenshots/journey-*), and each defect
// the issue found is checked absent.
import { photograph, whyByKeyboard, withBrowser } from './e2e-browser.mjs';

/** The step of the journey a check belongs to, for its name. */
const step = (n, what) => `journey ${n}: ${what}`;

export async function checkNewcomerJourney({
  frontend,
  check,
  outDir,
  project,
}) {
  await withBrowser(
    { frontend, check, outDir, label: 'journey' },
    async ({ page, text, attempt, screenshots, context }) => {
      const shoot = view =>
        photograph(page, check, screenshots, `journey-${view}`);
      // Each step starts where the one before ended: after a failure the
      // rest of the walk is reported failed at once, not timed out.
      let broken;
      const walk = async (name, body) => {
        if (broken) {
          check(name, false, `not reached: ${broken} failed`);
          return;
        }
        await attempt(name, async () => {
          try {
            await body();
          } catch (error) {
            broken = name;
            throw error;
          }
        });
      };

      await walk(step(1, 'home page'), async () => {
        await page.goto(`${frontend}/`);
        await page.getByText('My ML projects').waitFor();
        await shoot('1-home');
        check(
          step(1, 'the first screen says what the suite is, not a 404'),
          !(await text()).includes('dropped the mic'),
        );
        const docs = await page
          .locator('a[href="/docs/default/component/ml-environments-suite"]')
          .count();
        check(step(1, "the home page links the suite's own docs"), docs > 0);
        await page.getByRole('link', { name: /Create an ML project/i }).click();
      });

      await walk(step(2, 'choose a template'), async () => {
        await page
          .getByText('Deploy models to production (pattern 3)')
          .waitFor();
        await shoot('2-templates');
        const body = await text();
        const order = [1, 2, 3].map(n => body.indexOf(`(pattern ${n})`));
        check(
          step(
            2,
            'the templates read pattern 1, 2, 3, each saying what it is for',
          ),
          order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])),
          `positions ${order.join(', ')}`,
        );
        // The card's Choose button, found from its title.
        const card = page
          .locator('[class*="MuiCard-root"]')
          .filter({ hasText: 'ML project, pattern 3 — MLOps' });
        await card.getByRole('button', { name: 'Choose' }).click();
      });

      await walk(step(3, 'fill the form by hand'), async () => {
        const name = page.getByLabel('Project name').first();
        await name.waitFor();
        await name.fill('Demand Forecast');
        await name.blur();
        await page
          .getByText(/is not a valid ML project name/)
          .first()
          .waitFor();
        const said = await text();
        check(
          step(
            3,
            'a bad name is explained in words, with an example, not a regular expression',
          ),
          /e\.g\. demand-forecast/.test(said) &&
            !said.includes('must match pattern'),
          said.match(/.*not a valid ML project name.*/)?.[0],
        );
        await name.fill(project);
        await page.getByText(new RegExp(`'${project}' is free`)).waitFor();
        await page
          .getByLabel('Description')
          .first()
          .fill('Forecasts demand per store');
        await page.getByLabel('Cost center').first().fill('CC-4242');
        // The guest is in one team: the picker takes it, by its display name.
        const owner = page.getByRole('button', { name: 'Owner group' });
        await page
          .getByText('Churn Prediction Team (team-churn)')
          .first()
          .waitFor();
        check(
          step(
            3,
            'the owner picker shows the team by display name, not its entity ref',
          ),
          !(await owner.textContent()).includes('group:default/'),
          await owner.textContent(),
        );
        await shoot('3-form');
        await page.getByRole('button', { name: 'Next' }).click();
        await page
          .getByText('Pattern 3: MLOps with cross-account deployment')
          .waitFor();
        await shoot('3-form-pattern');
        await page.getByRole('button', { name: 'Review' }).click();
        await page.getByRole('button', { name: 'Create' }).waitFor();
        const review = await text();
        check(
          step(3, 'the review names the pattern by its title'),
          review.includes('Pattern 3: MLOps with cross-account deployment'),
        );
        await shoot('3-review');
        await page.getByRole('button', { name: 'Create' }).click();
      });

      await walk(step(4, "the task's output"), async () => {
        const tabLink = page.getByRole('link', {
          name: 'Accounts and guardrails (ML environment tab)',
        });
        await tabLink.waitFor({ timeout: 300_000 });
        await shoot('4-task');
        const output = await text();
        check(
          step(
            4,
            'the output lists the accounts with their ids, no template code',
          ),
          new RegExp(`${project}-prod \\(\\d{12}\\)`).test(output) &&
            !/\{\{|\}\}/.test(output),
          output.match(/AWS accounts[\s\S]{0,300}/)?.[0],
        );
        check(
          step(
            4,
            'no file:// link to the local repository (browsers refuse those)',
          ),
          (await page.getByRole('link', { name: 'Repository' }).count()) === 0,
        );
        await page
          .getByRole('button', { name: 'Changes outside this project' })
          .click();
        const shared = await text();
        check(
          step(
            4,
            'the output says which change to a shared OU was left for an administrator, and whose accounts it reaches',
          ),
          /Left for an administrator: attaches SCP mlgov-require-vpc on OU Workloads\/Workloads_PreProd would also apply to [^\n]*accounts of churn-prediction/.test(
            shared,
          ),
          shared.match(/Changes outside this project[\s\S]{0,300}/i)?.[0],
        );
        await tabLink.click();
      });

      await walk(step(5, 'the ML environment tab'), async () => {
        await page.waitForURL(url =>
          url.pathname.endsWith(`/system/${project}/ml-environment`),
        );
        await page.getByText(`${project}-automation`).first().waitFor({
          timeout: 180_000,
        });
        await shoot('5-ml-environment');
        // Workloads_Prod's control drifted long before this project (seed
        // drift 3): the new prod account inherits it, and the tab says so.
        const inherited = await page
          .getByText(/The OU's problem, not the project's: drifted/)
          .first()
          .textContent();
        check(
          step(
            5,
            "an inherited drift is labelled the OU's, with its age, older than the project",
          ),
          /drifted on Workloads\/Workloads_Prod since \d{4}-\d\d-\d\d \d\d:\d\d UTC, before this project was created/.test(
            inherited,
          ),
          inherited,
        );
        const body = await text();
        check(
          step(5, "the tab shows the project's four accounts"),
          ['dev', 'preprod', 'prod', 'automation'].every(stage =>
            body.includes(`${project}-${stage}`),
          ),
        );
      });

      await walk(step(6, 'open SageMaker Studio as the owner'), async () => {
        const [studio] = await Promise.all([
          context.waitForEvent('page'),
          page.getByRole('button', { name: 'Open SageMaker Studio' }).click(),
        ]);
        await studio.waitForLoadState();
        check(
          step(
            6,
            'Studio opens in a new tab at a presigned URL, for the team that just created the project',
          ),
          // The emulator answers its presigned URLs with its own Studio page.
          /\/_studio\/d-[a-z0-9]+\/auth\?token=/.test(studio.url()) &&
            (await studio.title()).startsWith('SageMaker Studio (emulated)'),
          studio.url().replace(/token=[^&]+/, 'token=…'),
        );
        await studio.close();
        check(
          step(6, 'no "no user profile" problem on the tab'),
          !(await text()).includes('no SageMaker Studio user profile'),
        );
      });

      await walk(step(7, 'read the onboarding guide'), async () => {
        await page
          .getByRole('link', { name: 'Onboarding guide (TechDocs)' })
          .click();
        // TechDocs may first show the last build, then offer the new one.
        const pattern = page.getByRole('cell', { name: 'Account pattern' });
        const refresh = page.getByRole('button', { name: 'Refresh' });
        await pattern.or(refresh).first().waitFor({ timeout: 180_000 });
        if (await refresh.count()) await refresh.click();
        await pattern.waitFor({ timeout: 120_000 });
        await shoot('7-onboarding');
        // Debian's mkdocs-material: the reader shows the theme's navigation,
        // not mkdocs' plain theme with its keyboard-shortcut dialog inline.
        const styled = await page.locator('.md-nav').count();
        const plain = await page.getByText('Keyboard Shortcuts').count();
        check(
          step(7, 'the onboarding renders in the material theme'),
          styled > 0 && plain === 0,
          `${styled} material navigation element(s), ${plain} shortcut dialog(s)`,
        );
      });

      await walk(step(8, "search the project's docs"), async () => {
        // The docs were built when first opened; the collator indexes them
        // within a minute.
        const deadline = Date.now() + 240_000;
        let found = false;
        while (!found && Date.now() < deadline) {
          await page.goto(
            `${frontend}/search?query=Studio&types%5B0%5D=techdocs`,
          );
          found = await page
            .getByText(`SageMaker Studio | ${project} docs`)
            .first()
            .waitFor({ timeout: 15_000 })
            .then(
              () => true,
              () => false,
            );
          if (!found) await page.waitForTimeout(10_000);
        }
        await shoot('8-search');
        check(
          step(8, "docs search finds the project's onboarding"),
          found,
          (await text()).slice(0, 200),
        );
      });

      // The demo's other projects' accounts link to Systems that exist.
      await attempt(
        step(9, "another team's project in the catalog"),
        async () => {
          await page.goto(`${frontend}/catalog/default/system/fraud-detection`);
          // Its resources load after the page: wait for the first account.
          await page
            .getByRole('link', { name: 'fraud-detection-dev' })
            .or(page.getByText(/Entity not found/i))
            .first()
            .waitFor();
          check(
            step(
              9,
              "another team's project has a System page, not 'Entity not found'",
            ),
            (await page.getByText(/Entity not found/i).count()) === 0 &&
              (await page
                .getByRole('link', { name: 'fraud-detection-dev' })
                .count()) > 0,
            (await text()).slice(0, 300),
          );
        },
      );

      await attempt(
        step(10, 'why an account is non-compliant, by keyboard'),
        async () => {
          await page.goto(`${frontend}/ml-environments`);
          await page.getByText('Compliance by OU').waitFor();
          const said = await whyByKeyboard(page, 'fraud-detection-dev', () =>
            shoot('10-why'),
          );
          check(
            step(
              10,
              'Enter on an account opens the failing control, the resource and what to do',
            ),
            said.includes('fraud-detection-dev-exports') &&
              said.includes('What to do'),
            said.slice(0, 200),
          );
        },
      );
    },
  );
}
