// What the templates' run left behind, in the browser: a generated project's
// tab and its TechDocs onboarding, churn-prediction's approved exception and
// data-lake access, the owner group's notifications and a retired project.
import type { Check } from '../lib/report.ts';
import { withBrowser } from './session.ts';

/** A project the templates generated: its tab and its TechDocs onboarding. */
export async function checkGeneratedProject({
  frontend,
  check,
  outDir,
  generatedProject,
  retiredProject,
}: {
  frontend: string;
  check: Check;
  outDir: string;
  generatedProject: string;
  retiredProject: string;
}): Promise<void> {
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
      // by a data owner, and web_events ended (src/templates' data access).
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

      // The templates' run retired one project (src/templates' offboarding).
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
