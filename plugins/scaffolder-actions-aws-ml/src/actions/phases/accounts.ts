import { Account, CreateAccountStatus } from '@aws-sdk/client-organizations';
import {
  DRY_RUN_ID,
  autoEnrolment,
  awaitAutoEnrolment,
  ensureAccount,
  ensureAccountAssumable,
  ensureAccountsEnrolled,
  throwIfAborted,
} from '@mlgov/plugin-ml-environments-node';
import { AccountIds, OuPhaseResult, PhaseContext, settleAll } from './context';

/** The accounts phase's results, each settling when it is there. */
export interface AccountsPhaseResult {
  /** The project's accounts, by stage, once each is assumable. */
  ids: Promise<AccountIds>;
  /** Per OU path: its planned accounts made, moved into it and tagged. */
  placed: Map<string, Promise<string[]>>;
}

/**
 * The accounts phase: the plan's accounts made side by side (a pattern
 * plans at most 4, within the 5 creations Organizations allows in progress
 * at once: Organizations User Guide, "Quotas", concurrent CreateAccount),
 * each moved into its OU once the OU is registered, tagged, and waited for
 * until its role is assumable. Creation itself does not wait for
 * registration: a new account stays in the Root until moved.
 */
export function accountsPhase(
  ctx: PhaseContext,
  { ous, registered }: OuPhaseResult,
  /** The planned accounts pre-flight found (see findPlannedAccounts). */
  byEmail: Map<string, Account>,
  /** The run's one read of the creation requests, shared with pre-flight. */
  creationRequests: () => Promise<CreateAccountStatus[]>,
): AccountsPhaseResult {
  const { plan, step, org, deps } = ctx;
  throwIfAborted(step, 'creating accounts');
  const placing = plan.accounts.map(account =>
    ensureAccount(org, account, step, {
      ou: ous.get(account.ouPath),
      accountsByEmail: byEmail,
      ouReady: registered.get(account.ouPath),
      creationRequests,
    }),
  );
  const placed = new Map<string, Promise<string[]>>();
  for (const path of new Set(plan.accounts.map(a => a.ouPath))) {
    const inOu = placing.filter((_, i) => plan.accounts[i].ouPath === path);
    const all = Promise.all(inOu);
    all.catch(() => undefined);
    placed.set(path, all);
  }
  // Every creation settles before a failure is reported, so the report
  // sees where each account ended.
  const ids = settleAll(
    placing.map(async made => {
      const id = await made;
      // A new account's role is assumable only once IAM has it everywhere.
      if (id !== DRY_RUN_ID) {
        await ensureAccountAssumable(deps.clients, id, step);
      }
      return id;
    }),
  ).then(
    made =>
      new Map(plan.accounts.map((account, i) => [account.stage, made[i]])),
  );
  return { ids, placed };
}

/**
 * Enrolment: accounts moved into a registered OU are governed once enrolled.
 * Where the landing zone auto-enrols (autoEnrolment), Control Tower enrols
 * each account as it is moved in, without a baseline operation of the
 * suite's, so every OU's accounts are awaited side by side. Otherwise, and
 * for accounts auto-enrolment missed, the OU's baseline is reset: a baseline
 * operation, which Control Tower runs one at a time (Control Tower User
 * Guide, "Limitations and quotas": only control and Account Factory account
 * operations run concurrently), so those OUs are enrolled one after another,
 * once every registration is done, each once its accounts are in place; the
 * OUs whose accounts get products first, so that their launches go on beside
 * the other enrolments. Returns a promise per OU path.
 */
export function enrolmentPhase(
  ctx: PhaseContext,
  { ous, registered }: OuPhaseResult,
  { placed }: AccountsPhaseResult,
): Map<string, Promise<void>> {
  const { plan, step, controlTower } = ctx;
  const auto = autoEnrolment(controlTower);
  auto.catch(() => undefined);
  // The registry's team shared services account is none of the project's.
  const ouOf = (stage: string) =>
    plan.accounts.filter(a => a.stage === stage).map(a => a.ouPath);
  const order = new Set([
    ...plan.products.flatMap(p => ouOf(p.stage)),
    ...plan.accounts.map(a => a.ouPath),
  ]);
  const enrolled = new Map<string, Promise<void>>();
  // Resets wait for the registrations and for each other.
  let previous: Promise<unknown> = Promise.all(registered.values());
  for (const path of order) {
    const ou = ous.get(path)!;
    const resetsBefore = previous;
    const done = (async () => {
      const ids = await placed.get(path)!;
      throwIfAborted(step, 'enrolling accounts');
      if (
        (await auto) &&
        (await awaitAutoEnrolment(controlTower, ou, ids, step)) === 'enrolled'
      ) {
        return;
      }
      await resetsBefore;
      throwIfAborted(step, 'enrolling accounts');
      await ensureAccountsEnrolled(controlTower, ou, step);
    })();
    done.catch(() => undefined);
    enrolled.set(path, done);
    previous = done;
  }
  return enrolled;
}
