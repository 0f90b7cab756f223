import {
  resourceTagsOf,
  AccountStage,
  ProvisioningPlan,
} from '@mlgov/plugin-ml-environments-common';
import { AwsMlActionDeps } from './deps';
import { SharedChanges } from './provisionProject.sharedChanges';
import { ensureStudioProfiles } from './provisionProject.studioProfiles';
import {
  DRY_RUN_ID,
  ensureAccount,
  ensureAccountAssumable,
  ensureAccountsEnrolled,
  ensureBudget,
  ensureControlsEnabled,
  ensureOuPath,
  ensureOuRegistered,
  ensurePoliciesAttached,
  ensurePortfolioAccepted,
  ensurePortfolioShared,
  ensureProductProvisioned,
  findOwnPortfolio,
  getRootId,
  hasAcceptedPortfolio,
  launchPrincipalsFor,
  ProvisioningStep,
  throwIfAborted,
} from '@mlgov/plugin-ml-environments-node';

/** How a plan names a policy target: the OU path, or `root`/`account`. */
export const targetKey = (
  t: ProvisioningPlan['policies'][number]['targets'][number],
) => (t.type === 'ou' ? t.path : t.type);

/**
 * Waits for every step run side by side, then throws the first failure: a
 * failure is reported only once nothing is still changing AWS.
 */
async function settleAll<T>(steps: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(steps);
  const failed = settled.find(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (failed) throw failed.reason;
  return settled.map(r => (r as PromiseFulfilledResult<T>).value);
}

export async function execute(
  plan: ProvisioningPlan,
  deps: AwsMlActionDeps,
  step: ProvisioningStep,
  /** The organization's accounts by email, read once at the start of the run. */
  byEmail: Map<string, { Id?: string }>,
  /** The owner group's members, who each get a Studio profile. */
  members: string[],
  /** Whether the task's user may change what other teams' accounts share. */
  mayChangeOrganization: () => Promise<boolean>,
) {
  const org = await deps.clients.organizations();
  const ous = new Map<string, { id: string; arn: string }>();
  for (const path of plan.organizationalUnits) {
    throwIfAborted(step, 'creating OUs');
    ous.set(path, await ensureOuPath(org, path, step));
  }

  // Controls and Account Factory work only on OUs registered with Control Tower.
  const controlTower = await deps.clients.controlTower();
  for (const path of plan.organizationalUnits) {
    throwIfAborted(step, 'registering OUs');
    await ensureOuRegistered(
      controlTower,
      { arn: ous.get(path)!.arn, path },
      step,
    );
  }

  // The accounts made side by side: a pattern plans at most 4, within
  // Organizations' 5 concurrent creations.
  throwIfAborted(step, 'creating accounts');
  // Every creation settles before a failure is reported, so the report
  // sees where each account ended.
  const made = await settleAll(
    plan.accounts.map(account =>
      ensureAccount(org, account, step, {
        ou: ous.get(account.ouPath),
        accountsByEmail: byEmail,
      }),
    ),
  );
  const accountIds = new Map<AccountStage, string>(
    plan.accounts.map((account, i) => [account.stage, made[i]]),
  );
  // A new account's role is assumable only once IAM has it everywhere.
  await settleAll(
    made
      .filter(id => id !== DRY_RUN_ID)
      .map(id => ensureAccountAssumable(deps.clients, id, step)),
  );
  // Accounts moved into a registered OU are governed once enrolled.
  for (const path of new Set(plan.accounts.map(a => a.ouPath))) {
    throwIfAborted(step, 'enrolling accounts');
    await ensureAccountsEnrolled(
      controlTower,
      { arn: ous.get(path)!.arn, path },
      step,
    );
  }

  const rootId = await getRootId(org);
  const targets = new Map<
    string,
    { id: string; label: string; policies: typeof plan.policies }
  >();
  for (const policy of plan.policies) {
    for (const target of policy.targets) {
      const key = targetKey(target);
      const entry = targets.get(key) ?? {
        id: key === 'root' ? rootId : ous.get(key)!.id,
        label: key === 'root' ? 'the root' : `OU ${key}`,
        policies: [],
      };
      entry.policies.push(policy);
      targets.set(key, entry);
    }
  }
  const shared = new SharedChanges(
    org,
    plan.request.project,
    new Set(accountIds.values()),
    mayChangeOrganization,
  );
  const checkedPolicies = new Set<string>();
  for (const target of targets.values()) {
    throwIfAborted(step, 'attaching SCPs');
    await ensurePoliciesAttached(
      org,
      target,
      target.policies,
      step,
      checkedPolicies,
      name =>
        shared.allow(
          { ...target, root: target.id === rootId },
          `attaches SCP ${name}`,
          step,
        ),
    );
  }

  const controlsByOu = new Map<string, string[]>();
  for (const { controlId, ouPath } of plan.controls) {
    controlsByOu.set(ouPath, [...(controlsByOu.get(ouPath) ?? []), controlId]);
  }
  for (const [path, controlIds] of controlsByOu) {
    throwIfAborted(step, 'enabling controls');
    const ou = ous.get(path)!;
    await ensureControlsEnabled(
      controlTower,
      deps.clients.awsConfig.region,
      { arn: ou.arn, path },
      controlIds,
      step,
      controlId =>
        shared.allow(
          { id: ou.id, label: `OU ${path}`, root: false },
          `enables control ${controlId}`,
          step,
        ),
    );
  }
  const sharedChanges = shared.report();

  const products = [];
  const catalog = deps.provisioning.serviceCatalog;
  if (plan.products.length > 0 && catalog) {
    const owner = await deps.clients.forAccount(
      catalog.sharedServicesAccountId,
    );
    const portfolioId = await findOwnPortfolio(
      owner.serviceCatalog,
      catalog.portfolio,
    );
    const provisionOne = async (product: (typeof plan.products)[number]) => {
      throwIfAborted(step, 'provisioning products');
      const account = plan.accounts.find(a => a.stage === product.stage)!;
      const accountId = accountIds.get(product.stage)!;
      if (accountId === DRY_RUN_ID) {
        step.logger.info(
          `Dry run: would provision ${product.provisionedProductName} in the new ${product.stage} account`,
        );
        return undefined;
      }
      const ou = ous.get(account.ouPath)!;
      const member = await deps.clients.forAccount(accountId);
      if (
        !(await hasAcceptedPortfolio(
          member.serviceCatalog,
          portfolioId,
          'AWS_ORGANIZATIONS',
        ))
      ) {
        await ensurePortfolioShared(
          owner.serviceCatalog,
          portfolioId,
          { ouId: ou.id, label: `OU ${account.ouPath}` },
          step,
        );
      }
      await ensurePortfolioAccepted(
        member.serviceCatalog,
        accountId,
        portfolioId,
        'AWS_ORGANIZATIONS',
        launchPrincipalsFor(
          accountId,
          catalog.principalArns,
          deps.clients.awsConfig,
        ),
        step,
      );
      const outputs = await ensureProductProvisioned(
        member.serviceCatalog,
        {
          accountId,
          product:
            product.product === 'sagemaker-studio-domain'
              ? catalog.products.studioDomain
              : catalog.products.mlopsPipeline,
          provisionedProductName: product.provisionedProductName,
          parameters: product.parameters,
          tags: resourceTagsOf(account.tags),
        },
        step,
      );
      const studioProfiles =
        product.product === 'sagemaker-studio-domain' && outputs.DomainId
          ? await ensureStudioProfiles(
              member,
              outputs.DomainId,
              members,
              resourceTagsOf(account.tags),
              step,
            )
          : [];
      return { ...product, accountId, outputs, studioProfiles };
    };
    // Products in different OUs are shared, accepted and launched side by
    // side; those sharing an OU (and so a share) one after another.
    const byOu = new Map<string, typeof plan.products>();
    for (const product of plan.products) {
      const { ouPath } = plan.accounts.find(a => a.stage === product.stage)!;
      byOu.set(ouPath, [...(byOu.get(ouPath) ?? []), product]);
    }
    const launched = new Map<
      (typeof plan.products)[number],
      Awaited<ReturnType<typeof provisionOne>>
    >();
    await settleAll(
      [...byOu.values()].map(async group => {
        for (const product of group) {
          launched.set(product, await provisionOne(product));
        }
      }),
    );
    for (const product of plan.products) {
      const result = launched.get(product);
      if (result) products.push(result);
    }
  }

  if (plan.budget) {
    const accountId = accountIds.get(plan.budget.stage)!;
    if (accountId === DRY_RUN_ID) {
      step.logger.info(
        `Dry run: would create budget ${plan.budget.name} in the new account`,
      );
    } else {
      const { budgets } = await deps.clients.forAccount(accountId);
      await ensureBudget(
        budgets,
        {
          accountId,
          name: plan.budget.name,
          limitUsd: plan.budget.limitUsd,
          alertEmail: plan.budget.alertEmail,
          thresholdPercent: 80,
        },
        step,
      );
    }
  }

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
    products,
    budget: plan.budget,
  };
}
