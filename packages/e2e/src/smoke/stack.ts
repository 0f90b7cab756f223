// The smoke test's own ways with the dev stack: `npm run dev` (or any
// command) started without opening a browser, waits that say what they gave
// up on, and stages whose crash counts as one failed check.
import { start, waitFor, type Started } from '../lib/processes.ts';
import type { Check } from '../lib/report.ts';

/** Starts `command args` with BROWSER=none, logging to `log`. */
export function startQuietly(
  command: string,
  args: string[],
  log: string,
  { cwd, env }: { cwd?: string; env?: Record<string, string> } = {},
): Started {
  return start(command, args, { cwd, log, env: { BROWSER: 'none', ...env } });
}

/** Polls `probe` until it holds; says what it gave up on at the deadline. */
export async function waitUntil(
  what: string,
  probe: () => Promise<unknown>,
  timeoutMs: number,
): Promise<boolean> {
  const held = Boolean(await waitFor(probe, timeoutMs));
  if (!held)
    console.log(`gave up waiting for ${what} after ${timeoutMs / 1000}s`);
  return held;
}

/** Runs a group of checks; a crash in it counts as one failed check. */
export async function stage(
  check: Check,
  name: string,
  run: () => Promise<unknown>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    check(
      `${name} ran to its end`,
      false,
      (error as Error).stack ?? String(error),
    );
  }
}
