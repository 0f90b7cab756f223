/**
 * Accounts' own enabled baselines, and auto-enrolment. Control Tower lists an
 * enrolled account as a child of its OU's enabled AWSControlTowerBaseline
 * (ListEnabledBaselines with includeChildren, filter parentIdentifiers).
 *
 * Auto-enrolment (landing zone 3.1 and later, opted into with the landing
 * zone's remediationTypes holding INHERITANCE_DRIFT; Control Tower User
 * Guide, "Move and enroll accounts with auto-enrollment"): an account moved
 * into a registered OU with Organizations' MoveAccount is enrolled by Control
 * Tower itself, without drift and without a baseline operation of the
 * caller's; its child baseline is UNDER_CHANGE until then. AWS does not say
 * how many such enrolments run at once: the emulator runs at most 5, Account
 * Factory's documented limit on concurrent account operations, and queues
 * the rest.
 */
import type { CallContext } from '../../context.ts';
import type { EmulatorState, EnabledBaselineRecord } from '../../state.ts';
import { accountArn } from '../organizations/accountViews.ts';
import {
  baselineNameOf,
  enabledBaselineArn,
  registrationOf,
} from './registration.ts';

export const MAX_CONCURRENT_ACCOUNT_OPERATIONS = 5;

export function autoEnrolmentOn(state: EmulatorState) {
  return (
    state.landingZone?.remediationTypes?.includes('INHERITANCE_DRIFT') ?? false
  );
}

/** Whether the account is being enrolled into this OU baseline right now. */
export function isAutoEnrolling(
  state: EmulatorState,
  accountId: string,
  baseline: EnabledBaselineRecord,
) {
  return state.autoEnrolments.get(accountId)?.baselineArn === baseline.arn;
}

/** Starts the next queued enrolments while fewer than the limit run. */
function startQueued(ctx: CallContext) {
  const { state, config } = ctx;
  for (const enrolment of state.autoEnrolments.values()) {
    const running = [...state.autoEnrolments.values()].filter(
      e => e.started,
    ).length;
    if (running >= MAX_CONCURRENT_ACCOUNT_OPERATIONS) return;
    if (enrolment.started) continue;
    enrolment.started = true;
    state.later(config.asyncDelayMs, () => {
      // Moved again meanwhile: that move's enrolment is another one.
      if (state.autoEnrolments.get(enrolment.accountId) !== enrolment) {
        startQueued(ctx);
        return;
      }
      state.autoEnrolments.delete(enrolment.accountId);
      const baseline = state.enabledBaselines.get(enrolment.baselineArn);
      const account = state.accounts.get(enrolment.accountId);
      const ou = baseline && registrationTargetOu(state, baseline);
      if (baseline && account && ou && account.parentId === ou) {
        baseline.enrolledAccountIds.add(account.id);
      }
      startQueued(ctx);
    });
  }
}

function registrationTargetOu(
  state: EmulatorState,
  baseline: EnabledBaselineRecord,
) {
  return [...state.ous.values()].find(o => o.arn === baseline.targetIdentifier)
    ?.id;
}

/**
 * After MoveAccount: the account leaves every other OU's enrolment and, with
 * auto-enrolment on and a registered destination, is enrolled into it.
 */
export function onAccountMoved(ctx: CallContext, accountId: string) {
  const { state } = ctx;
  if (!autoEnrolmentOn(state)) return;
  const account = state.accounts.get(accountId)!;
  const destination = state.ous.get(account.parentId);
  const baseline = destination && registrationOf(state, destination.arn);
  for (const other of state.enabledBaselines.values()) {
    if (other !== baseline) other.enrolledAccountIds.delete(accountId);
  }
  state.autoEnrolments.delete(accountId);
  if (!baseline || baseline.status !== 'SUCCEEDED') return;
  if (baseline.enrolledAccountIds.has(accountId)) return;
  state.autoEnrolments.set(accountId, {
    accountId,
    baselineArn: baseline.arn,
    started: false,
  });
  startQueued(ctx);
}

/** The accounts' enabled baselines: enrolled or being enrolled accounts. */
export function childBaselines(ctx: CallContext) {
  const { state, region } = ctx;
  const children = [];
  for (const baseline of state.enabledBaselines.values()) {
    if (
      baselineNameOf(baseline.baselineIdentifier) !== 'AWSControlTowerBaseline'
    )
      continue;
    const ou = registrationTargetOu(state, baseline);
    for (const account of state.accounts.values()) {
      if (account.parentId !== ou) continue;
      const enrolling = isAutoEnrolling(state, account.id, baseline);
      if (!enrolling && !baseline.enrolledAccountIds.has(account.id)) continue;
      let arn = state.childBaselineArns.get(account.id);
      if (!arn) {
        arn = enabledBaselineArn(state, region);
        state.childBaselineArns.set(account.id, arn);
      }
      children.push({
        arn,
        baselineIdentifier: baseline.baselineIdentifier,
        baselineVersion: baseline.baselineVersion,
        targetIdentifier: accountArn(state, account.id),
        parentIdentifier: baseline.arn,
        statusSummary: { status: enrolling ? 'UNDER_CHANGE' : 'SUCCEEDED' },
        driftStatusSummary: { types: { inheritance: { status: 'IN_SYNC' } } },
      });
    }
  }
  return children;
}
