// What each part of the newcomer's journey is given.
import type { BrowserSession } from '../../browser/index.ts';
import type { Check } from '../../lib/report.ts';

export type Journey = BrowserSession & {
  frontend: string;
  check: Check;
  /** The project the newcomer creates. */
  project: string;
  /** Photographs the current view as `journey-<view>`. */
  shoot: (view: string) => Promise<void>;
  /** A step of the walk: failed at once when an earlier one failed. */
  walk: (name: string, body: () => Promise<void>) => Promise<void>;
};

/** The step of the journey a check belongs to, for its name. */
export const step = (n: number, what: string): string =>
  `journey ${n}: ${what}`;
