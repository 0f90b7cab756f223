// The organization page on the demo organization: the compliance matrix,
// the sidebar's label, every account of the seed, the OU tree, the status
// filter and why an account is non-compliant, by keyboard.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Check } from '../lib/report.ts';
import { inspectView, whyByKeyboard } from './inspect.ts';
import type { BrowserSession } from './session.ts';

/** The part of a seed file's OU tree that holds accounts. */
type SeedOu = { accounts?: unknown[]; children?: SeedOu[] };

/** Every account of the seed, the management account included. */
function seedAccounts(seedFile: string): unknown[] {
  const seed = parse(readFileSync(seedFile, 'utf8'));
  const inOus = (ous: SeedOu[] | undefined): unknown[] =>
    (ous ?? []).flatMap(ou => [...(ou.accounts ?? []), ...inOus(ou.children)]);
  return [
    seed.organization.managementAccount,
    ...(seed.accounts ?? []),
    ...inOus(seed.organizationalUnits),
  ];
}

export async function checkOrganizationPage(
  { page, text, attempt, screenshots }: BrowserSession,
  {
    frontend,
    check,
    seedFile,
  }: { frontend: string; check: Check; seedFile: string },
): Promise<void> {
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
    const clipped = await label.evaluate(el => el.scrollWidth > el.clientWidth);
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
    const preprodRow =
      (await page
        .getByRole('row', { name: /Workloads\/Workloads_PreProd/ })
        .first()
        .textContent()) ?? '';
    check(
      'browser: compliance matrix shows require-vpc missing on Workloads_PreProd',
      /missing/.test(preprodRow),
      preprodRow,
    );
    const treeText =
      (await page
        .getByRole('list', { name: 'Organizational units' })
        .textContent()) ?? '';
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
}
