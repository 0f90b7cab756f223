// Debian's chromium driven by playwright-core, signed in as guest: the
// session every browser check runs in.
import { mkdirSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Check } from '../lib/report.ts';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Runs `body`; a throw becomes a failed check `name` and a screenshot. */
export type Attempt = (
  name: string,
  body: () => Promise<void>,
) => Promise<void>;

/** What `withBrowser` hands its checks. */
export type BrowserSession = {
  page: Page;
  /** The page's text (TechDocs pages hold a second body in their shadow root). */
  text: () => Promise<string>;
  attempt: Attempt;
  /** The folder the screenshots go to. */
  screenshots: string;
  context: BrowserContext;
};

export type BrowserOptions = {
  frontend: string;
  check: Check;
  outDir: string;
  /** Names the session in its checks: `browser (<label>): …`. */
  label: string;
};

/**
 * Opens Debian's chromium, signs in as guest on `frontend`, runs `checks`
 * with the page, and reports uncaught page errors; each step reports through
 * `check(name, ok, detail)` and a failed one leaves a screenshot.
 */
export async function withBrowser(
  { frontend, check, outDir, label }: BrowserOptions,
  checks: (session: BrowserSession) => Promise<void>,
): Promise<void> {
  const screenshots = `${outDir}/screenshots`;
  mkdirSync(screenshots, { recursive: true });
  const userDataDir = `${outDir}/chromium-profile-${Date.now()}`;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('pageerror', error => consoleErrors.push(error.message));
  // TechDocs pages hold a second body in their shadow root.
  const text = async () => page.locator('body').first().innerText();
  const attempt: Attempt = async (name, body) => {
    try {
      await body();
    } catch (error) {
      check(
        name,
        false,
        String((error as Error).message ?? error).split('\n')[0],
      );
      await page
        .screenshot({
          path: `${screenshots}/failed-${name.replace(/\W+/g, '-')}.png`,
        })
        .catch(() => {});
    }
  };
  try {
    await attempt(`browser (${label}): guest sign-in`, async () => {
      await page.goto(frontend);
      await page.getByRole('button', { name: 'Enter' }).click();
      await page.waitForURL(url => !url.pathname.includes('sign-in'));
      // The app restores the session on the next page load from this key.
      await page.waitForFunction(() =>
        Boolean(localStorage.getItem('@backstage/core:SignInPage:provider')),
      );
      await page
        .getByText('My Company Catalog')
        .or(page.getByText('Catalog'))
        .first()
        .waitFor();
      check(`browser (${label}): guest sign-in`, true);
    });

    await checks({ page, text, attempt, screenshots, context });
    check(
      `browser (${label}): no uncaught page errors`,
      consoleErrors.length === 0,
      consoleErrors.slice(0, 3).join(' | '),
    );
  } finally {
    await context.close();
  }
}
