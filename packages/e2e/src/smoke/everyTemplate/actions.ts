// What the walk through every template does again and again: sign in as
// someone, choose a template, fill a project's first page, pick a dataset,
// review and run, open a project's tab.
import type { Page } from 'playwright-core';
import type { Person } from './types.ts';

/** The dev sign-in page's card of each local person (packages/app/src/devSignIn). */
const CARDS: Record<Exclude<Person, 'guest'>, string> = {
  ada: 'Ada (platform team)',
  mallory: 'Mallory (team-fraud)',
};

/** Provisioning on a busy machine: minutes, not seconds. */
const TASK_TIMEOUT = 420_000;

/** Who is signed in: undefined after a step that failed half-way. */
export type SignedIn = { user: Person | undefined };

export type Actions = ReturnType<typeof createActions>;

export function createActions({
  page,
  frontend,
  shoot,
  signedIn,
}: {
  page: Page;
  frontend: string;
  shoot: (view: string) => Promise<void>;
  signedIn: SignedIn;
}) {
  const signInAs = async (who: Person) => {
    if (signedIn.user === who) return;
    signedIn.user = undefined;
    // Sign out as a person does: Settings, the profile's menu, Sign Out.
    await page.goto(`${frontend}/settings`);
    const enter = page.getByRole('button', { name: 'Enter' });
    const more = page.getByRole('button', { name: 'more' });
    await more.or(enter).first().waitFor();
    if (await more.count()) {
      await more.click();
      await page.getByRole('menuitem', { name: 'Sign Out' }).click();
    }
    await enter.waitFor();
    if (who === 'guest') {
      await enter.click();
    } else {
      await page
        .getByRole('listitem')
        .filter({ hasText: CARDS[who as Exclude<Person, 'guest'>] })
        .getByRole('button', { name: 'Sign In' })
        .click();
    }
    // Settings names the signed-in user's catalog entity.
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page
      .locator(`a[href="/catalog/default/user/${who}"]`)
      .first()
      .waitFor();
    signedIn.user = who;
  };

  /** From the sidebar's Create to the template's form, by its card. */
  const chooseTemplate = async (title: string) => {
    await page.getByRole('link', { name: 'Create' }).first().click();
    const card = page
      .locator('[class*="MuiCard-root"]')
      .filter({ hasText: title });
    await card.getByRole('button', { name: 'Choose' }).click();
    await page.getByRole('heading', { name: title }).waitFor();
  };

  /** The first page of the sandbox and dev templates, typed in. */
  const describeProject = async (
    project: string,
    description: string,
    costCenter: string,
  ) => {
    const name = page.getByLabel('Project name').first();
    await name.pressSequentially(project);
    await page.getByText(new RegExp(`'${project}' is free`)).waitFor();
    await page.getByLabel('Description').first().fill(description);
    // The guest is in one team: the picker takes it.
    await page
      .getByRole('button', { name: 'Owner group' })
      .filter({ hasText: 'Churn Prediction Team (team-churn)' })
      .waitFor();
    await page.getByLabel('Cost center').first().pressSequentially(costCenter);
  };

  /**
   * Picks a database in the n-th dataset picker (a select listing the
   * data lake's databases with their descriptions).
   */
  const pickDataset = async (database: string, n = 0) => {
    const picker = page.getByRole('button', { name: /^Database/ }).nth(n);
    await picker.click();
    await page
      .getByRole('option', { name: new RegExp(`^${database}\\b`) })
      .click();
    await picker.filter({ hasText: database }).waitFor();
  };

  /**
   * Review, then the template's last button; waits for the task's end:
   * its output link, or the error it failed with (thrown, or returned
   * when `refusal` is expected).
   */
  const reviewAndRun = async (
    view: string,
    button: string,
    outputLink: string,
    refusal?: boolean,
  ): Promise<string | undefined> => {
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: button }).waitFor();
    await shoot(`${view}-review`);
    await page.getByRole('button', { name: button }).click();
    await page.waitForURL(url => url.pathname.startsWith('/create/tasks/'));
    const link = page.getByRole('link', { name: outputLink });
    const error = page.getByRole('alert').filter({ hasText: /Error/ });
    await link.or(error).first().waitFor({ timeout: TASK_TIMEOUT });
    await shoot(`${view}-task`);
    const failure = (await error.count())
      ? await error.first().innerText()
      : undefined;
    if (failure && !refusal) throw new Error(`the task failed: ${failure}`);
    if (!failure && refusal) throw new Error('the task did not fail');
    return failure;
  };

  /** A project's ML environment tab, once its cards show. */
  const openTab = async (project: string) => {
    await page.goto(
      `${frontend}/catalog/default/system/${project}/ml-environment`,
    );
    await page.getByText('Guardrail exceptions').first().waitFor();
  };
  return {
    signInAs,
    chooseTemplate,
    describeProject,
    pickDataset,
    reviewAndRun,
    openTab,
  };
}
