// The frontend plugin in the running dev app on the emulator's demo
// organization: the home page, churn-prediction's entity page and ML
// environment tab, the MLOps template's form and the organization page,
// compared with seeds/demo.yaml.
import type { Check } from '../lib/report.ts';
import { inspectView } from './inspect.ts';
import { checkOrganizationPage } from './organizationPage.ts';
import { withBrowser } from './session.ts';

/** The entity page, its ML environment tab and the organization page. */
export async function checkDemoOrganization({
  frontend,
  check,
  seedFile,
  outDir,
}: {
  frontend: string;
  check: Check;
  seedFile: string;
  outDir: string;
}): Promise<void> {
  await withBrowser(
    { frontend, check, outDir, label: 'demo' },
    async ({ page, text, attempt, screenshots, context }) => {
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
        const preprod =
          (await page.getByTestId('account-node-200000000012').textContent()) ??
          '';
        const prod =
          (await page.getByTestId('account-node-200000000013').textContent()) ??
          '';
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

      await checkOrganizationPage(
        { page, text, attempt, screenshots, context },
        { frontend, check, seedFile },
      );
    },
  );
}
