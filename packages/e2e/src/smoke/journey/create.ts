// The newcomer's journey, steps 1 to 4: the home page, the templates, the
// MLOps template's form filled by hand, and the task's output.
import { step, type Journey } from './types.ts';

export async function createProject({
  page,
  text,
  check,
  frontend,
  project,
  shoot,
  walk,
}: Journey): Promise<void> {
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
    await page.getByText('Deploy models to production (pattern 3)').waitFor();
    await shoot('2-templates');
    const body = await text();
    const order = [1, 2, 3].map(n => body.indexOf(`(pattern ${n})`));
    check(
      step(2, 'the templates read pattern 1, 2, 3, each saying what it is for'),
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
      !((await owner.textContent()) ?? '').includes('group:default/'),
      (await owner.textContent()) ?? '',
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
      step(4, 'the output lists the accounts with their ids, no template code'),
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
}
