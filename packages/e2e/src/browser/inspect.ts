// Looking at a view: photographs at each screen size with the sideways
// overflow check, axe-core's accessibility check, and the keyboard's way to
// an account's guardrail details.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { Check } from '../lib/report.ts';

/** axe-core as the page sees it once AXE_SCRIPT is added. */
export type Axe = typeof import('axe-core');

/** axe-core's script, added to a page to run it there. */
export const AXE_SCRIPT = createRequire(import.meta.url).resolve(
  'axe-core/axe.min.js',
);
/** The screen sizes each view is looked at (and photographed) in. */
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];

/**
 * Photographs the current page at each size and checks that nothing sticks
 * out sideways (a table wider than its card widens the page).
 */
export async function photograph(
  page: Page,
  check: Check,
  screenshots: string,
  view: string,
): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300); // the layout settles after a resize
    const size = `${viewport.width}x${viewport.height}`;
    await page.screenshot({
      path: `${screenshots}/${view}-${size}.png`,
      fullPage: true,
    });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    check(
      `browser: ${view} fits ${size} without sideways scrolling`,
      overflow <= 0,
      `${overflow} px too wide`,
    );
  }
  await page.setViewportSize({ width: 1440, height: 1000 });
}

/**
 * Looks at the current page at each size (photograph) and for axe-core's
 * serious or critical accessibility violations.
 */
export async function inspectView(
  page: Page,
  check: Check,
  screenshots: string,
  view: string,
): Promise<void> {
  await photograph(page, check, screenshots, view);
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: Axe };
    const result = await axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.length,
        target: v.nodes[0]?.target?.join(' '),
      }));
  });
  check(
    `browser: ${view} has no serious or critical accessibility violation (axe-core)`,
    violations.length === 0,
    violations
      .map(v => `${v.id} (${v.impact}, ${v.nodes}× e.g. ${v.target})`)
      .join('; '),
  );
}

/**
 * Why an account is non-compliant, by keyboard alone: its name on the
 * organization page is a button; Enter opens its details, which name the
 * non-compliant resource (seed drift 2); Escape closes them. `whileOpen`
 * runs with the details shown. Returns what they say.
 */
export async function whyByKeyboard(
  page: Page,
  account: string,
  whileOpen: () => Promise<unknown> = async () => {},
): Promise<string> {
  await page
    .getByRole('button', { name: `${account}: guardrail details` })
    .focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Guardrails of ${account}` });
  await dialog.getByText(`${account}-exports`).waitFor();
  const said = (await dialog.textContent()) ?? '';
  await whileOpen();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  return said;
}
