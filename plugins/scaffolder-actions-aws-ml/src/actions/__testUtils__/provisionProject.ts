import type { RunningEmulator } from '@mlgov/aws-emulator';

export const mlops = {
  pattern: 'mlops' as const,
  project: 'credit-risk',
  owner: 'group:default/team-risk',
  costCenter: 'CC-5001',
  accountEmailTemplate: 'aws+{project}-{stage}@example.com',
  prodApprovalRequired: true,
};

/** The credit-risk project in each pattern, with that pattern's inputs. */
export function inputsFor(pattern: 'sandbox' | 'dev' | 'mlops') {
  return {
    sandbox: {
      ...mlops,
      pattern,
      spendingLimitUsd: 100,
      alertEmail: 'risk@example.com',
    },
    dev: { ...mlops, pattern, datasets: ['sales'] },
    mlops,
  }[pattern];
}

/** The organization as names: where each account sits, what each target carries. */
export function layoutOf(emulator: RunningEmulator) {
  const { state } = emulator;
  const pathOf = (id: string): string =>
    id === state.rootId
      ? 'Root'
      : [...state.pathTo(id)]
          .slice(1)
          .map(p => state.ous.get(p)?.name ?? state.accounts.get(p)?.name)
          .join('/');
  const attachments = Object.fromEntries(
    [...state.attachments.entries()].map(([policyId, targets]) => [
      state.policies.get(policyId)!.name,
      [...targets].map(pathOf).sort(),
    ]),
  );
  return {
    accounts: [...state.accounts.values()]
      .map(a => `${a.name}@${pathOf(a.parentId)}`)
      .sort(),
    attachments,
    controls: [...state.enabledControls.values()]
      .map(
        c =>
          `${c.controlIdentifier.split('/').pop()}@${pathOf(
            c.targetIdentifier.split('/').pop()!,
          )}`,
      )
      .sort(),
    provisioned: [...state.provisionedProducts.values()]
      .map(p => `${p.name}@${p.accountId}`)
      .sort(),
    budgets: [...state.budgets.keys()].sort(),
    // What a duplicated call would leave twice.
    counts: {
      ous: state.ous.size,
      policies: state.policies.size,
      portfolioShares: state.portfolioShares.length,
      principals: [...state.portfolioPrincipals.values()].flat().length,
      provisionedProducts: state.provisionedProducts.size,
    },
  };
}

// Whole projects against the emulator, some under injected faults.
