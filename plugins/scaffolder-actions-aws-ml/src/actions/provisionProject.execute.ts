import {
  Account,
  CreateAccountStatus,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { ProvisioningPlan } from '@mlgov/plugin-ml-environments-common';
import {
  OuResolver,
  ProvisioningStep,
  ScpChainCache,
  readOuLevels,
} from '@mlgov/plugin-ml-environments-node';
import { AwsMlActionDeps } from './deps';
import { SharedChanges } from './provisionProject.sharedChanges';
import { accountsPhase, enrolmentPhase } from './phases/accounts';
import { budgetPhase } from './phases/budget';
import { PhaseContext, settleAll } from './phases/context';
import { controlsPhase } from './phases/controls';
import { dataLakePhase } from './phases/dataLake';
import { guardrailsPhase, targetKey } from './phases/guardrails';
import { ousPhase } from './phases/ous';
import { productsPhase } from './phases/products';
import { scpChangesSettled } from './phases/scpProgress';

export { targetKey };

/** What a run found before its first change, for the phases to build on. */
export interface KnownBeforeChanges {
  /** The run's Organizations client. */
  org: OrganizationsClient;
  /** The run's one read of the creation requests (creationRequestsOnce). */
  creationRequests: () => Promise<CreateAccountStatus[]>;
  /** The launches' SCP checks' reads, some read ahead in pre-flight. */
  chains: ScpChainCache;
  /** The planned accounts found, by lower-case email (findPlannedAccounts). */
  byEmail: Map<string, Account>;
  /** The run's OU look-ups, shared with pre-flight. */
  resolver: OuResolver;
  /** The SCPs pre-flight found attached, by target key. */
  attached: Map<string, string[]>;
}

/**
 * Provisions the plan in named phases, each waiting only for what it needs:
 * - OUs, then their registration with Control Tower (one baseline operation
 *   at a time, as AWS runs them);
 * - accounts, made at once and each moved into its OU once it is
 *   registered, then enrolled OU by OU (baseline operations again);
 * - guardrails (SCPs) from the start, and controls as each OU is
 *   registered, beside the accounts and their enrolment;
 * - products: new accounts' OUs shared at once, each product launched once
 *   its account is governed (enrolled, guardrails and controls on);
 * - the budget once its account is there;
 * - the suite as data lake administrator of the dev account once it is
 *   governed (for resource links and grants to the Studio roles).
 * A failure is thrown once every phase under way has settled, so the
 * report that follows sees where each account ended.
 */
export async function execute(
  plan: ProvisioningPlan,
  deps: AwsMlActionDeps,
  step: ProvisioningStep,
  known: KnownBeforeChanges,
  /** The owner group's members, who each get a Studio profile. */
  members: string[],
  /** Whether the task's user may change what other teams' accounts share. */
  mayChangeOrganization: () => Promise<boolean>,
) {
  const { org } = known;
  const ctx: PhaseContext = {
    plan,
    deps,
    step,
    org,
    controlTower: await deps.clients.controlTower(),
    resolver: known.resolver,
  };
  const ouPhase = await ousPhase(ctx);
  const { ous, registered } = ouPhase;

  // Changes to OUs and the root are the project's own when they reach no
  // other project's accounts: its own are those found, and those with the
  // plan's emails, which pre-flight has made sure are no one else's.
  const shared = new SharedChanges(
    org,
    plan.request.project,
    new Set([...known.byEmail.values()].map(a => a.Id!)),
    mayChangeOrganization,
    new Set(plan.accounts.map(a => a.email.toLowerCase())),
  );
  // The team shared services account's OU path, read while the accounts
  // are made (the run does not move it), for its launches' SCP checks.
  const sharedServices =
    deps.provisioning.serviceCatalog?.sharedServicesAccountId;
  if (
    sharedServices &&
    plan.products.some(p => p.stage === 'team-shared-services')
  ) {
    readOuLevels(org, sharedServices, known.chains).catch(() => undefined);
  }
  const guardrails = guardrailsPhase(ctx, ous, shared, known.attached);
  const controls = controlsPhase(ctx, ouPhase, shared);
  const accountsPhaseResult = accountsPhase(
    ctx,
    ouPhase,
    known.byEmail,
    known.creationRequests,
  );
  const accounts = accountsPhaseResult.ids;
  const enrolled = enrolmentPhase(ctx, ouPhase, accountsPhaseResult);
  const settledOnPath = (path: string) =>
    scpChangesSettled(
      path,
      { registered, controls: controls.byOu, guardrails: guardrails.byTarget },
      new Set(ous.keys()),
      known.chains,
    );
  const governed = (path: string) =>
    Promise.all([enrolled.get(path), settledOnPath(path)]);
  // Enrolment attaches no SCP, so a launch's SCP check goes on beside it,
  // once the OU's accounts are in place.
  const scpsSettled = (path: string) =>
    Promise.all([accountsPhaseResult.placed.get(path), settledOnPath(path)]);
  // An account the run does not move (team shared services): its OU path
  // is read through the run's SCP reads.
  const scpsSettledAbove = async (accountId: string) => {
    const levels = await readOuLevels(org, accountId, known.chains);
    await settledOnPath(
      levels
        .filter(level => level.name)
        .map(level => level.name!)
        .join('/'),
    );
  };
  const products = productsPhase(
    ctx,
    ous,
    {
      accounts,
      governed,
      scpsSettled,
      scpsSettledAbove,
      chains: known.chains,
      newStages: new Set(
        plan.accounts
          .filter(a => !known.byEmail.has(a.email.toLowerCase()))
          .map(a => a.stage),
      ),
    },
    members,
  );
  const budget = accounts.then(ids => budgetPhase(ctx, ids));
  const dataLake = accounts.then(ids => dataLakePhase(ctx, ids, governed));
  await settleAll<unknown>([
    ...registered.values(),
    guardrails.all,
    controls.all,
    accounts,
    ...enrolled.values(),
    products,
    budget,
    dataLake,
  ]);
  const accountIds = await accounts;
  const sharedChanges = shared.report();

  return {
    project: plan.request.project,
    pattern: plan.request.pattern,
    accounts: plan.accounts.map(a => ({
      stage: a.stage,
      purpose: a.purpose,
      name: a.name,
      email: a.email,
      accountId: accountIds.get(a.stage)!,
      ouPath: a.ouPath,
      ouId: ous.get(a.ouPath)!.id,
    })),
    // Titles and rationales travel with the output so that generated
    // onboarding docs can say why each guardrail applies.
    policies: plan.policies.map(p => ({
      name: p.name,
      guardrailId: p.guardrailId,
      title: p.title,
      rationale: p.rationale,
      targets: p.targets.map(targetKey),
    })),
    controls: plan.controls,
    sharedChanges,
    products: await products,
    budget: plan.budget,
  };
}
