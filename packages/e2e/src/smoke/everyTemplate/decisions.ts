// The walk through every template, steps 5 to 9: ada finds the requests in
// her notifications and approves both on the project's tab; mallory is
// refused the guest's project by the retire form itself; the guest retires
// the sandbox and is told.
import {
  ACCESS_ASKED,
  APPROVED,
  EXCEPTION_ASKED,
  RETIRED,
  SANDBOX_CREATED,
  step,
  type EveryTemplate,
} from './types.ts';

export async function decisionSteps({
  page,
  text,
  check,
  sandbox,
  dev,
  shoot,
  walk,
  signInAs,
  chooseTemplate,
  reviewAndRun,
  openTab,
}: EveryTemplate): Promise<void> {
  await walk(APPROVED, [EXCEPTION_ASKED, ACCESS_ASKED], async () => {
    await signInAs('ada');
    await shoot('5-ada-settings');
    // The requests reach her as notifications linking the project's tab.
    await page.getByRole('link', { name: 'Notifications' }).first().click();
    await page.getByPlaceholder('Filter').fill(dev);
    const asked = page.getByText(
      // Named as people call them: the guardrail's title, the account's name.
      new RegExp(
        `${dev} asks to lift '.+' \\(deny-sagemaker-hosting\\) on ${dev}-dev \\(\\d{12}\\)`,
      ),
    );
    await asked.first().waitFor();
    await page.getByText(`${dev} asks to read web_events`).first().waitFor();
    await shoot('5-ada-notifications');
    await asked.first().click();
    await page.waitForURL(url =>
      url.pathname.endsWith(`/system/${dev}/ml-environment`),
    );
    const exceptions = page.getByRole('table', {
      name: 'Guardrail exceptions',
    });
    const exception = exceptions
      .getByRole('row')
      .filter({ hasText: 'One real-time endpoint for the returns demo' });
    await exception.getByText('pending', { exact: true }).waitFor();
    const grants = page.getByRole('table', { name: 'Data-lake access' });
    const webEvents = grants.getByRole('row').filter({ hasText: 'web_events' });
    await webEvents.getByText('pending', { exact: true }).waitFor();
    await shoot('5-ada-tab-pending');
    await exception.getByRole('button', { name: 'Approve' }).click();
    await exception.getByText('active', { exact: true }).waitFor();
    await webEvents.getByRole('button', { name: 'Approve' }).click();
    await webEvents.getByText('active', { exact: true }).waitFor();
    check(step(5, 'ada approves the exception and the data access'), true);
  });

  await walk(step(6, 'the tab after the approvals'), [APPROVED], async () => {
    // The carve-out is made by the exception enforcer and read back by
    // the status; the tab shows it once read.
    const deadline = Date.now() + 240_000;
    const excepted = page.getByRole('row').filter({ hasText: 'excepted' });
    for (;;) {
      await openTab(dev);
      const shown = await excepted
        .first()
        .waitFor({ timeout: 20_000 })
        .then(
          () => true,
          () => false,
        );
      if (shown || Date.now() > deadline) break;
      await page.waitForTimeout(5_000);
    }
    await shoot('6-tab-approved');
    const guardrails = await excepted.allTextContents();
    check(
      step(6, "the guardrail table shows the dev account's guardrail excepted"),
      guardrails.some(
        row =>
          row.includes('No real-time SageMaker endpoints') &&
          // The account cell: the stage over its id.
          /^dev\s*\d{12}/.test(row),
      ),
      guardrails.join(' | ') || 'no excepted row',
    );
    const exceptionsCard =
      (await page
        .getByRole('table', { name: 'Guardrail exceptions' })
        .textContent()) ?? '';
    check(
      step(6, 'the exceptions card says active, no longer pending'),
      exceptionsCard.includes('active') && !exceptionsCard.includes('pending'),
      exceptionsCard.slice(0, 300),
    );
    const grant =
      (await page
        .getByRole('table', { name: 'Data-lake access' })
        .getByRole('row')
        .filter({ hasText: 'web_events' })
        .textContent()) ?? '';
    check(
      step(
        6,
        'the data-access card shows the grant of web_events, decided by ada',
      ),
      grant.includes('active') && /decided by user:default\/ada/.test(grant),
      grant,
    );
  });

  await walk(
    step(7, "mallory cannot retire the guest's project"),
    [SANDBOX_CREATED],
    async () => {
      await signInAs('mallory');
      await chooseTemplate('Retire an ML project');
      await page.getByLabel('Project name').first().pressSequentially(sandbox);
      // The form asks the backend's permission decision as the name is
      // typed: refused up front, saying who may, before any task.
      const refusal = `You may not retire '${sandbox}': only its owner group team-churn and the suite's administrators can`;
      await page.getByText(refusal).first().waitFor();
      await page
        .getByLabel('Reason')
        .first()
        .pressSequentially('Not mine to keep');
      await page.getByRole('button', { name: 'Review' }).click();
      // Review validates the form: it stays, listing the refusal above
      // it too (a second copy, once validation has answered).
      await page.getByText(refusal).nth(1).waitFor();
      await shoot('7-mallory-retire-form');
      check(
        step(
          7,
          "the retire form refuses mallory the guest's project up front, naming who may, and never reaches Retire",
        ),
        (await page.getByText(refusal).count()) > 0 &&
          (await page.getByRole('button', { name: 'Retire' }).count()) === 0 &&
          !new URL(page.url()).pathname.startsWith('/create/tasks/'),
        await page.getByText(refusal).first().innerText(),
      );
    },
  );

  await walk(RETIRED, [SANDBOX_CREATED], async () => {
    await signInAs('guest');
    await chooseTemplate('Retire an ML project');
    await page.getByLabel('Project name').first().pressSequentially(sandbox);
    await page.getByText(`Your team team-churn's sandbox project`).waitFor();
    await page
      .getByLabel('Reason')
      .first()
      .pressSequentially(
        'The forecasters were compared; the winner moves to dev',
      );
    await shoot('8-retire-form');
    await reviewAndRun('8-retire', 'Retire', "The project's ML environment");
    const output = await text();
    check(
      step(
        8,
        'the retirement task says the project is retired, account by account',
      ),
      new RegExp(`${sandbox} is retired`).test(output) &&
        /sandbox \d{12}: /.test(output),
      output.match(/What happened[\s\S]{0,300}/)?.[0],
    );
    await page
      .getByRole('link', { name: "The project's ML environment" })
      .click();
    await page.getByText(/Retired on \d{4}-\d\d-\d\d/).waitFor();
    await shoot('8-retired-tab');
  });

  await walk(step(9, 'the retirement notice'), [RETIRED], async () => {
    await page.getByRole('link', { name: 'Notifications' }).first().click();
    await page.getByPlaceholder('Filter').fill(sandbox);
    const notice = page.getByText(`${sandbox} is retired`);
    await notice.first().waitFor();
    await shoot('9-notifications');
    check(step(9, "the guest's team is notified of the retirement"), true);
  });
}
