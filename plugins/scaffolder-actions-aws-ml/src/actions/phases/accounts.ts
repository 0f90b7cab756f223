import { Account, CreateAccountStatus } from '@aws-sdk/client-organizations';
import {
  DRY_RUN_ID,
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
  placed: Map<string, Promise<unknown>>;
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
  const placed = new Map<string, Promise<unknown>>();
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
 * Enrolment: accounts moved into a registered OU are governed once the OU's
 * baseline is reset. A reset is a baseline operation, which Control Tower
 * runs one at a time (see ousPhase), so the OUs are enrolled one after
 * another, once every registration is done, each once its accounts are in
 * place; the OUs whose accounts get products first, so that their launches go on
 * beside the other enrolments. Control operations, which AWS lets run
 * concurrently, go on beside. Returns a promise per OU path.
 */
export function enrolmentPhase(
  ctx: PhaseContext,
  { ous, registered }: OuPhaseResult,
  { placed }: AccountsPhaseResult,
): Map<string, Promise<void>> {
  const { plan, step } = ctx;
  // The registry's team shared services account is none of the project's.
  const ouOf = (stage: string) =>
    plan.accounts.filter(a => a.stage === stage).map(a => a.ouPath);
  const order = new Set([
    ...plan.products.flatMap(p => ouOf(p.stage)),
    ...plan.accounts.map(a => a.ouPath),
  ]);
  const enrolled = new Map<string, Promise<void>>();
  // Baseline operations wait for the registrations; each OU for its accounts.
  let previous: Promise<unknown> = Promise.all(registered.values());
  for (const path of order) {
    const done = Promise.all([previous, placed.get(path)]).then(() => {
      throwIfAborted(step, 'enrolling accounts');
      return ensureAccountsEnrolled(ctx.controlTower, ous.get(path)!, step);
    });
    done.catch(() => undefined);
    enrolled.set(path, done);
    previous = done;
  }
  return enrolled;
}
