// The organization page on the brownfield organization (AWS_EMULATOR_SEED=
// brownfield): every account counted, other teams' accounts marked
// unmanaged, the OU tree five deep.
import type { Check } from '../lib/report.ts';
import { withBrowser } from './session.ts';

export async function checkBrownfieldOrganization({
  frontend,
  check,
  outDir,
  accounts,
}: {
  frontend: string;
  check: Check;
  outDir: string;
  /** How many accounts the seed has. */
  accounts: number;
}): Promise<void> {
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
        const treeText =
          (await page
            .getByRole('list', { name: 'Organizational units' })
            .textContent()) ?? '';
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
