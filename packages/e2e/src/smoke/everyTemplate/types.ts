// What each part of the walk through every template is given, and the names
// of the steps later ones need.
import type { BrowserSession } from '../../browser/index.ts';
import type { Check } from '../../lib/report.ts';
import type { Actions } from './actions.ts';

/** The step of the walk a check belongs to, for its name. */
export const step = (n: number, what: string): string =>
  `every template ${n}: ${what}`;

/** The steps others need, by name. */
export const SANDBOX_CREATED = step(1, 'the guest creates a sandbox project');
export const DEV_CREATED = step(
  2,
  'the guest creates a dev project with a dataset picked from the data lake',
);
export const EXCEPTION_ASKED = step(
  3,
  'the guest asks for a guardrail exception',
);
export const ACCESS_ASKED = step(4, 'the guest asks for data access');
export const APPROVED = step(5, "ada approves both on the project's tab");
export const RETIRED = step(8, 'the guest retires the sandbox project');

/** The local people the walk signs in as. */
export type Person = 'guest' | 'ada' | 'mallory';

export type EveryTemplate = BrowserSession &
  Actions & {
    frontend: string;
    check: Check;
    /** The sandbox project the guest creates and retires. */
    sandbox: string;
    /** The dev project the guest creates and asks for. */
    dev: string;
    /** Photographs and inspects the current view as `templates-<view>`. */
    shoot: (view: string) => Promise<void>;
    /** A step that needs earlier ones is reported failed at once without them. */
    walk: (
      name: string,
      needs: string[],
      body: () => Promise<void>,
    ) => Promise<void>;
  };

/** The date `days` from now, as the form's date fields take it. */
export const inDays = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
