// What a project spends, in Chromium on the dev app (issue 39): the Cost card
// of churn-prediction's ML environment tab as its owner (the guest, of
// team-churn) sees it, and the organization page's spend table, sorted by
// spend both ways. The figures are the emulator's seeded Cost Explorer costs.
import type { Locator } from 'playwright-core';
import { photograph, withBrowser } from '../browser/index.ts';
import type { Check } from '../lib/report.ts';

const MONEY = /\$[\d,]+\.\d\d/;
const amount = (text: string | null) =>
  Number(text?.match(MONEY)?.[0].replace(/[$,]/g, ''));

/** The spend column's figures, top to bottom. */
async function spendColumn(table: Locator): Promise<number[]> {
  const rows = await table.getByRole('row').all();
  const figures = [];
  for (const row of rows.slice(1)) {
    const cells = await row.getByRole('cell').allTextContents();
    if (cells.length >= 3) figures.push(amount(cells[2]));
  }
  return figures;
}

const sorted = (figures: number[], direction: 'asc' | 'desc') =>
  figures.every(
    (f, i) =>
      i === 0 ||
      (direction === 'asc' ? figures[i - 1] <= f : figures[i - 1] >= f),
  );

export async function checkCost({
  frontend,
  check,
  outDir,
}: {
  frontend: string;
  check: Check;
  outDir: string;
}): Promise<void> {
  await withBrowser(
    { frontend, check, outDir, label: 'cost' },
    async ({ page, attempt, screenshots }) => {
      await attempt(
        'browser: cost card on the ML environment tab',
        async () => {
          await page.goto(
            `${frontend}/catalog/default/system/churn-prediction/ml-environment`,
          );
          const accounts = page.getByRole('table', {
            name: 'Cost per account',
          });
          await accounts.waitFor();
          // The total's line: the amount and "this month so far".
          const total = await page
            .getByText('this month so far')
            .locator('..')
            .textContent();
          const perAccount = (
            await accounts.getByRole('cell').allTextContents()
          )
            .filter(t => MONEY.test(t))
            .map(amount);
          check(
            "browser: the cost card shows churn-prediction's month so far, the sum of its accounts",
            amount(total) > 0 &&
              perAccount.length >= 3 &&
              Math.abs(perAccount.reduce((a, b) => a + b, 0) - amount(total)) <
                0.05,
            `${total}; accounts ${perAccount.join(', ')}`,
          );
          const chart = page.getByRole('img', {
            name: /^Daily cost this month/,
          });
          check(
            'browser: the cost card draws one bar a day of the month so far',
            (await chart.locator('rect').count()) === new Date().getUTCDate(),
            `${await chart.locator('rect').count()} bars`,
          );
          await accounts.scrollIntoViewIfNeeded();
          await photograph(page, check, screenshots, 'cost-card');
        },
      );

      await attempt(
        'browser: project spend on the organization page',
        async () => {
          await page.goto(`${frontend}/ml-environments`);
          const heading = page.getByText('Project spend this month');
          await heading.waitFor();
          const table = page.getByRole('table').filter({
            has: page.getByRole('link', { name: 'churn-prediction' }),
          });
          await table.waitFor();
          const first = await spendColumn(table);
          // A project the templates made moments ago has spent nothing yet.
          check(
            "browser: the spend table lists the guest's team's projects, biggest spender first",
            first.length >= 1 &&
              first[0] > 0 &&
              first.every(f => Number.isFinite(f)) &&
              sorted(first, 'desc'),
            first.join(', '),
          );
          const sortBySpend = async () => {
            await page
              .getByRole('button', { name: /Spend this month/ })
              .click();
            await page.waitForTimeout(300); // the table re-renders
            return spendColumn(table);
          };
          const ascending = await sortBySpend();
          const descending = await sortBySpend();
          check(
            'browser: the spend column sorts both ways',
            sorted(ascending, 'asc') &&
              sorted(descending, 'desc') &&
              ascending.length === first.length,
            `${ascending.join(', ')} / ${descending.join(', ')}`,
          );
          check(
            "browser: the spend table leaves out another team's project (fraud-detection)",
            !(await table.innerText()).includes('fraud-detection'),
          );
          await heading.scrollIntoViewIfNeeded();
          await photograph(page, check, screenshots, 'project-spend');
        },
      );
    },
  );
}
