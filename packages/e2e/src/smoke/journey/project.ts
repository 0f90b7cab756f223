// The newcomer's journey, steps 5 to 10: the new project's ML environment
// tab, SageMaker Studio, the onboarding guide and its search, another team's
// project, and why an account is non-compliant, by keyboard.
import { whyByKeyboard } from '../../browser/index.ts';
import { step, type Journey } from './types.ts';

export async function useProject({
  page,
  text,
  attempt,
  context,
  check,
  frontend,
  project,
  shoot,
  walk,
}: Journey): Promise<void> {
  await walk(step(5, 'the ML environment tab'), async () => {
    await page.waitForURL(url =>
      url.pathname.endsWith(`/system/${project}/ml-environment`),
    );
    // The catalog takes the new project's System a few seconds after the
    // task registered its location; a page opened before that says "Entity
    // not found" until reloaded, as a user then does.
    const account = page.getByText(`${project}-automation`).first();
    for (let tries = 0; tries < 60 && !(await account.isVisible()); tries++) {
      await page.waitForTimeout(3000);
      if (await page.getByText('Entity not found').first().isVisible()) {
        await page.reload();
      }
    }
    await account.waitFor({ timeout: 180_000 });
    await shoot('5-ml-environment');
    // Workloads_Prod's control drifted long before this project (seed
    // drift 3): the new prod account inherits it, and the tab says so.
    const inherited =
      (await page
        .getByText(/The OU's problem, not the project's: drifted/)
        .first()
        .textContent()) ?? '';
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
      await page.goto(`${frontend}/search?query=Studio&types%5B0%5D=techdocs`);
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
  await attempt(step(9, "another team's project in the catalog"), async () => {
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
  });

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
}
