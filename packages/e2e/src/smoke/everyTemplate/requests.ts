// The walk through every template, steps 1 to 4: the guest creates a sandbox
// and a dev project (a dataset picked from the data lake's list) and asks for
// a guardrail exception and data access for the dev project.
import {
  ACCESS_ASKED,
  DEV_CREATED,
  EXCEPTION_ASKED,
  SANDBOX_CREATED,
  inDays,
  step,
  type EveryTemplate,
} from './types.ts';

export async function requestSteps({
  page,
  text,
  check,
  frontend,
  sandbox,
  dev,
  shoot,
  walk,
  signInAs,
  chooseTemplate,
  describeProject,
  pickDataset,
  reviewAndRun,
  openTab,
}: EveryTemplate): Promise<void> {
  await walk(SANDBOX_CREATED, [], async () => {
    await signInAs('guest');
    await page.goto(`${frontend}/`);
    await page.getByText('My ML projects').waitFor();
    await chooseTemplate('ML project, pattern 1 — sandbox');
    await describeProject(sandbox, 'Tries open-source forecasters', 'CC-4242');
    await shoot('1-sandbox-form');
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .getByText('Pattern 1: Sandbox experimentation')
      .first()
      .waitFor();
    const limit = page.getByLabel('Monthly spending limit (USD)').first();
    await limit.fill('');
    await limit.pressSequentially('300');
    await page
      .getByLabel('Budget alert email')
      .first()
      .pressSequentially('forecasting@example.com');
    await shoot('1-sandbox-form-pattern');
    await reviewAndRun(
      '1-sandbox',
      'Create',
      'Accounts and guardrails (ML environment tab)',
    );
    const output = await text();
    check(
      step(1, 'the sandbox task lists its one account, with its id'),
      new RegExp(`sandbox: ${sandbox}-sandbox \\(\\d{12}\\)`).test(output),
      output.match(/AWS accounts[\s\S]{0,200}/)?.[0],
    );
  });

  await walk(DEV_CREATED, [], async () => {
    await signInAs('guest');
    await chooseTemplate(
      'ML project, pattern 2 — development on corporate data',
    );
    await describeProject(dev, 'Predicts returns per order', 'CC-4242');
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .getByText('Pattern 2: Development on corporate data')
      .first()
      .waitFor();
    // stores is public and self-service; sales carries PII columns, so a dev
    // grant of it waits for two data owners (packages/e2e/src/templates/dataAccess.ts).
    await pickDataset('stores');
    await shoot('2-dev-form-data');
    await reviewAndRun(
      '2-dev',
      'Create',
      'Accounts and guardrails (ML environment tab)',
    );
    const output = await text();
    check(
      step(2, 'the dev task lists its dev account, with its id'),
      new RegExp(`dev: ${dev}-dev \\(\\d{12}\\)`).test(output),
      output.match(/AWS accounts[\s\S]{0,200}/)?.[0],
    );
    await page
      .getByRole('link', {
        name: 'Accounts and guardrails (ML environment tab)',
      })
      .click();
    const stores = page
      .getByRole('table', { name: 'Data-lake access' })
      .getByRole('row')
      .filter({ hasText: 'stores' });
    await stores.getByText('active').waitFor();
    await shoot('2-dev-tab');
    check(
      step(
        2,
        "the picked dataset is granted at once (self-service), on the project's tab",
      ),
      true,
    );
  });

  await walk(EXCEPTION_ASKED, [DEV_CREATED], async () => {
    await signInAs('guest');
    await openTab(dev);
    // The tab's own link opens the template with the project filled in.
    await page.getByRole('link', { name: 'Request an exception' }).click();
    await page
      .getByRole('heading', { name: 'Request a guardrail exception' })
      .waitFor();
    await page.getByText(`Your team team-churn's dev project`).waitFor();
    await page
      .getByRole('button', { name: /^Account/ })
      .filter({ hasText: 'dev' })
      .waitFor();
    await page.getByRole('button', { name: 'Guardrail' }).click();
    await page
      .getByRole('option', { name: 'No real-time SageMaker endpoints' })
      .click();
    await page
      .getByLabel('Reason')
      .first()
      .pressSequentially('One real-time endpoint for the returns demo');
    await page.getByLabel('End date').first().fill(inDays(30));
    await shoot('3-exception-form');
    await reviewAndRun(
      '3-exception',
      'Create',
      "The project's ML environment (exceptions and their state)",
    );
    const output = await text();
    check(
      step(3, 'the exception is pending, for the dev account'),
      /Exception \S+ is pending for account \d{12}/.test(output),
      output.match(/What happens next[\s\S]{0,200}/)?.[0],
    );
  });

  await walk(ACCESS_ASKED, [DEV_CREATED], async () => {
    await signInAs('guest');
    await openTab(dev);
    await page.getByRole('link', { name: 'Request data access' }).click();
    await page
      .getByRole('heading', { name: 'Request data-lake access' })
      .waitFor();
    await page.getByText(`Your team team-churn's dev project`).waitFor();
    // web_events needs one data owner; customers (confidential) would need
    // two, which packages/e2e/src/templates/dataAccess.ts drives.
    await pickDataset('web_events');
    await page
      .getByLabel('Reason')
      .first()
      .pressSequentially('Customer history to explain the returns');
    await shoot('4-data-access-form');
    await reviewAndRun(
      '4-data-access',
      'Create',
      "The project's ML environment (data grants and their state)",
    );
    const output = await text();
    check(
      step(4, 'web_events waits for a data owner'),
      /web_events: pending/.test(output),
      output.match(/What happens next[\s\S]{0,200}/)?.[0],
    );
  });
}
