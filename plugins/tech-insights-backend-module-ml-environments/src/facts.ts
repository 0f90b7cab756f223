import {
  DataGrant,
  GuardrailException,
  GuardrailState,
  OrganizationAccount,
  ProjectLayout,
} from '@mlgov/plugin-ml-environments-common';

const DAY_MS = 24 * 60 * 60 * 1000;
/** An active exception ending this close is worth a warning now. */
export const EXCEPTION_WARNING_DAYS = 7;
/** States of a guardrail the account is protected by (excepted is decided and time-boxed). */
const HOLDING: GuardrailState[] = ['ok', 'excepted'];

const isOpen = (e: GuardrailException, now: Date) =>
  e.state === 'pending' ||
  (e.state === 'active' && Date.parse(e.endsAt) > now.getTime());

/** Whole days until `endsAt`, rounded up (ending later today counts as 1). */
const daysLeft = (endsAt: string, now: Date) =>
  Math.max(0, Math.ceil((Date.parse(endsAt) - now.getTime()) / DAY_MS));

/** The sandbox budget as AWS Budgets holds it (limit 0: no budget). */
export type BudgetUse = { limit: number; actual: number };

/**
 * An ML project's facts: its accounts' guardrails, exceptions, data grants,
 * sandbox spending limit, products and Control Tower enrolment.
 * sandboxSpendingLimitSet and exceptionFewestDaysLeft are left out where they
 * mean nothing (not a sandbox, no active exception), so checks on them do not
 * run there. Spend itself is never a fact: Tech Insights lets every signed-in
 * user read every entity's facts, while a project's cost is for its owner
 * group and administrators only (GET /projects/{project}/cost).
 */
export function projectFacts(
  layout: ProjectLayout,
  exceptions: GuardrailException[],
  grants: DataGrant[],
  budget: BudgetUse | undefined,
  now: Date,
) {
  const guardrails = layout.accounts.flatMap(a => a.guardrails);
  const count = (states: GuardrailState[]) =>
    guardrails.filter(g => states.includes(g.state)).length;
  const own = exceptions.filter(
    e => e.project === layout.project && isOpen(e, now),
  );
  const active = own.filter(e => e.state === 'active');
  const left = active.map(e => daysLeft(e.endsAt, now));
  const projectGrants = grants.filter(g => g.project === layout.project);
  return {
    guardrailsHolding: count(HOLDING),
    guardrailsMissing: count(['missing']),
    guardrailsDrifted: count(['drifted']),
    guardrailsNonCompliant: count(['non-compliant']),
    openExceptions: own.length,
    exceptionsEndingSoon: left.filter(d => d <= EXCEPTION_WARNING_DAYS).length,
    ...(left.length > 0 ? { exceptionFewestDaysLeft: Math.min(...left) } : {}),
    dataGrantsActive: projectGrants.filter(g => g.state === 'active').length,
    dataGrantsPending: projectGrants.filter(g => g.state === 'pending').length,
    ...(budget ? { sandboxSpendingLimitSet: budget.limit > 0 } : {}),
    productsOutdated: layout.products.filter(
      p => p.version && p.latestVersion && p.version !== p.latestVersion,
    ).length,
    accountsNotEnrolled: layout.accounts.filter(
      a =>
        a.controlTower &&
        (!a.controlTower.ouRegistered || a.controlTower.enrolmentPending),
    ).length,
  };
}

/** An AWS account's facts, from the organization view. */
export function accountFacts(
  account: OrganizationAccount,
  controlTower:
    | { registered: boolean; unenrolledAccounts: boolean }
    | undefined,
  exceptions: GuardrailException[],
  now: Date,
) {
  return {
    accountGuardrailState: account.state,
    accountGuardrailsHold: HOLDING.includes(account.state),
    accountManaged: account.managed,
    // Root accounts have no OU to enrol through: only an OU's tell.
    accountEnrolled: controlTower
      ? controlTower.registered && !controlTower.unenrolledAccounts
      : true,
    accountOpenExceptions: exceptions.filter(
      e => e.accountId === account.id && isOpen(e, now),
    ).length,
  };
}
