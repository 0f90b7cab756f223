import { ACCOUNT_TAGS } from '../accountTags';
import { validateProjectSlug } from '../validation';

/**
 * Where the accounts of retired projects wait until AWS closes them: an OU
 * of its own under the root, carrying the deny-all SCP.
 *
 * @public
 */
export const SUSPENDED_OU_PATH = 'Suspended';

/** A retirement's reason must say enough to be understood in a year's audit. */
export const MIN_RETIREMENT_REASON_LENGTH = 10;

const CLOSURE_WINDOW_DAYS = 30;

/**
 * AWS's rolling quota on CloseAccount: 10 % of the organization's member
 * accounts in 30 days, never fewer than 10 nor more than 1,000.
 *
 * @public
 */
export function closureQuota(memberAccounts: number): number {
  return Math.max(10, Math.min(1000, Math.floor(memberAccounts / 10)));
}

/**
 * Why closing `toClose` more accounts would break AWS's closure quota, or
 * undefined when it fits. `closedInWindow` counts the suite's own closures
 * of the last 30 days; closures made outside the suite still reach AWS's
 * quota error, which leaves the account suspended (deferred), not failed.
 *
 * @public
 */
export function closureQuotaProblem(options: {
  memberAccounts: number;
  closedInWindow: number;
  toClose: number;
}): string | undefined {
  const quota = closureQuota(options.memberAccounts);
  const left = Math.max(0, quota - options.closedInWindow);
  if (options.toClose <= left) return undefined;
  return `closing ${options.toClose} account(s) would exceed AWS's quota of ${quota} closures in ${CLOSURE_WINDOW_DAYS} days (the suite closed ${options.closedInWindow} in that time, ${left} left); set mlEnvironments.offboarding.closeAccounts to false to suspend them now and close them later`;
}

/** Whether a date falls in AWS's rolling closure window ending `now`. @public */
export function inClosureWindow(at: string | undefined, now: Date) {
  if (!at) return false;
  const ms = now.getTime() - new Date(at).getTime();
  return ms >= 0 && ms <= CLOSURE_WINDOW_DAYS * 24 * 60 * 60 * 1000;
}

/**
 * What is wrong with a request to retire a project, each problem with how
 * to fix it; empty when it may go ahead.
 *
 * @public
 */
export function validateRetirementRequest(request: {
  project: string;
  reason: string;
}): string[] {
  const problems = [validateProjectSlug(request.project)].filter(
    (p): p is string => Boolean(p),
  );
  if (request.reason.trim().length < MIN_RETIREMENT_REASON_LENGTH) {
    problems.push(
      `reason must say why the project ends, in at least ${MIN_RETIREMENT_REASON_LENGTH} characters, e.g. "model replaced by demand-forecast-v2"`,
    );
  }
  return problems;
}

/**
 * The tags that mark an account of a retired project: the day it was
 * retired (and, when configured, closed).
 *
 * @public
 */
export function retirementTags(now: Date): Record<string, string> {
  return { [ACCOUNT_TAGS.closingDate]: now.toISOString().slice(0, 10) };
}
