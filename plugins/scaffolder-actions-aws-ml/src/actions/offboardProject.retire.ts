import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  RetiredAccount,
  RetirementClaimed,
  SUSPENDED_OU_PATH,
  ScpGuardrail,
  findGuardrail,
  retirementTags,
  scpOfGuardrail,
} from '@mlgov/plugin-ml-environments-common';
import {
  ProvisioningStep,
  ensureAccountClosing,
  ensureAccountIn,
  ensureOuPath,
  ensurePoliciesAttached,
  ensurePortfolioRejected,
  ensureProjectProductsTerminated,
  ensureTags,
  findOwnPortfolio,
  throwIfAborted,
} from '@mlgov/plugin-ml-environments-node';
import { AwsMlActionDeps } from './deps';

const DENY_ALL = findGuardrail('deny-all') as ScpGuardrail;

/** What one retirement run shares, after the record allowed it. */
export interface RetirementRun {
  deps: AwsMlActionDeps;
  credentials: BackstageCredentials;
  claimed: RetirementClaimed;
  project: string;
  reason: string;
  step: ProvisioningStep;
  org: OrganizationsClient;
}

/** What became of an account of the project. */
export type RetiredProjectAccount = RetiredAccount & {
  stage: string;
  productsTerminated: string[];
};

/** What a retirement run did (or, in a dry run, would do). */
export interface Retirement {
  revokedDataGrants: string[];
  revokedExceptions: string[];
  accounts: RetiredProjectAccount[];
}

/**
 * Ends the project's open data grants and exceptions, then retires each of
 * its accounts (see createOffboardProjectAction). Every step looks before it
 * changes, so a re-run or a resumed task repeats nothing.
 */
export async function retireProject(run: RetirementRun): Promise<Retirement> {
  // Data access ends first: nothing should read corporate data from
  // an account on its way out.
  const revokedDataGrants = await revokeDataGrants(run);
  const revokedExceptions = await revokeExceptions(run);
  const accounts = await retireAccounts(run);
  return { revokedDataGrants, revokedExceptions, accounts };
}

function revokeDataGrants(run: RetirementRun) {
  return revokeEach(run, run.claimed.openDataGrants, {
    wouldRevoke: g => `data grant ${g.id} (${g.database} for ${g.accountId})`,
    revoked: g => `data grant ${g.id} (${g.database} for ${g.accountId})`,
    revoke: (id, note) =>
      run.deps.projects.revokeDataGrant(run.credentials, id, note),
  });
}

function revokeExceptions(run: RetirementRun) {
  return revokeEach(run, run.claimed.openExceptions, {
    wouldRevoke: e => `exception ${e.id} (${e.guardrailId} on ${e.accountId})`,
    revoked: e => `exception ${e.id}`,
    revoke: (id, note) =>
      run.deps.projects.revokeException(run.credentials, id, note),
  });
}

/** Ends each open request through the backend (in a dry run, says it would); answers their ids. */
async function revokeEach<T extends { id: string }>(
  run: RetirementRun,
  open: T[],
  how: {
    /** What the dry run's log names. */
    wouldRevoke: (item: T) => string;
    /** What the log names once it is revoked. */
    revoked: (item: T) => string;
    revoke: (id: string, note: string) => Promise<unknown>;
  },
): Promise<string[]> {
  const { project, reason, step } = run;
  const revoked: string[] = [];
  for (const item of open) {
    if (step.isDryRun) {
      step.logger.info(`Dry run: would revoke ${how.wouldRevoke(item)}`);
    } else {
      await how.revoke(item.id, `ML project ${project} retires: ${reason}`);
      step.logger.info(`Revoked ${how.revoked(item)}`);
    }
    revoked.push(item.id);
  }
  return revoked;
}

/**
 * For each account: terminates its products (Studio domain and profiles),
 * rejects the shared portfolio, moves it to the Suspended OU (deny-all SCP),
 * tags it with the closing date and, when configured, asks AWS to close it.
 */
async function retireAccounts(
  run: RetirementRun,
): Promise<RetiredProjectAccount[]> {
  const { deps, claimed, project, step, org } = run;
  const { record } = claimed;
  const { closeAccounts, serviceCatalog } = deps.provisioning;
  const suspended = await ensureOuPath(org, SUSPENDED_OU_PATH, step);
  await ensurePoliciesAttached(
    org,
    { id: suspended.id, label: `OU ${SUSPENDED_OU_PATH}` },
    [scpOfGuardrail(DENY_ALL, deps.provisioning.guardrailParameters)],
    step,
  );
  const portfolioId =
    serviceCatalog &&
    (await findOwnPortfolio(
      (
        await deps.clients.forAccount(serviceCatalog.sharedServicesAccountId)
      ).serviceCatalog,
      serviceCatalog.portfolio,
    ));
  // The same date on every run, so a re-run does not re-tag.
  const tags = retirementTags(
    new Date(record.retirement?.requestedAt ?? Date.now()),
  );
  if (portfolioId && serviceCatalog) {
    // Pattern 3's model registry lives in team shared services, the
    // portfolio's own account, tagged with the project like the rest.
    const owner = await deps.clients.forAccount(
      serviceCatalog.sharedServicesAccountId,
    );
    await ensureProjectProductsTerminated(
      owner.serviceCatalog,
      serviceCatalog.sharedServicesAccountId,
      project,
      step,
    );
  }
  const retired: RetiredProjectAccount[] = [];
  for (const { accountId, stage } of record.accounts) {
    throwIfAborted(step, `retiring account ${accountId}`);
    let productsTerminated: string[] = [];
    // In the account's own OU still, before deny-all applies to it.
    if (portfolioId) {
      const member = await deps.clients.forAccount(accountId);
      productsTerminated = await ensureProjectProductsTerminated(
        member.serviceCatalog,
        accountId,
        project,
        step,
        {
          sageMaker: member.sageMaker,
          madeBySuite: claimed.studioProfiles ?? [],
        },
      );
      await ensurePortfolioRejected(
        member.serviceCatalog,
        accountId,
        portfolioId,
        'AWS_ORGANIZATIONS',
        step,
      );
    }
    await ensureAccountIn(
      org,
      accountId,
      suspended.id,
      SUSPENDED_OU_PATH,
      step,
    );
    await ensureTags(org, accountId, tags, step);
    const closure = closeAccounts
      ? await ensureAccountClosing(org, accountId, step)
      : 'suspended';
    retired.push({ accountId, stage, closure, productsTerminated });
  }
  return retired;
}
