import { resourceTagsOf } from '@mlgov/plugin-ml-environments-common';
import {
  DRY_RUN_ID,
  ensurePortfolioAccepted,
  ensurePortfolioShared,
  ensureProductProvisioned,
  findOwnPortfolio,
  hasAcceptedPortfolio,
  launchPrincipalsFor,
  throwIfAborted,
} from '@mlgov/plugin-ml-environments-node';
import { ensureStudioProfiles } from '../provisionProject.studioProfiles';
import { AccountIds, EnsuredOu, PhaseContext, settleAll } from './context';

/** When each of a product's prerequisites is there. */
export interface ProductPrerequisites {
  /** The project's accounts, once made. */
  accounts: Promise<AccountIds>;
  /** Settles when the OU's accounts are governed (enrolled, guardrails on). */
  governed: (ouPath: string) => Promise<unknown>;
  /** Stages whose account did not exist before the run. */
  newStages: ReadonlySet<string>;
}

/**
 * The products phase: the plan's Service Catalog products shared with the
 * accounts' OUs, accepted in each account and launched there once the
 * account is governed. An OU whose account this run makes is shared at
 * once, beside the account's creation (a new account has accepted
 * nothing). Products in different OUs go side by side, those sharing an OU
 * (and so a share) one after another; Service Catalog documents no limit on
 * concurrent launches beyond its request rates, so no more run at once than
 * the plan has OUs.
 */
export async function productsPhase(
  { plan, deps, step }: PhaseContext,
  ous: Map<string, EnsuredOu>,
  prerequisites: ProductPrerequisites,
  /** The owner group's members, who each get a Studio profile. */
  members: string[],
) {
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
    const shareWith = (ouPath: string) =>
      ensurePortfolioShared(
        owner.serviceCatalog,
        portfolioId,
        { ouId: ous.get(ouPath)!.id, label: `OU ${ouPath}` },
        step,
      );
    const earlyShares = new Map<string, Promise<void>>();
    for (const product of plan.products) {
      const { ouPath } = plan.accounts.find(a => a.stage === product.stage)!;
      if (
        prerequisites.newStages.has(product.stage) &&
        !earlyShares.has(ouPath)
      ) {
        const sharing = shareWith(ouPath);
        sharing.catch(() => undefined);
        earlyShares.set(ouPath, sharing);
      }
    }
    const accountIds = await prerequisites.accounts.catch(async error => {
      await Promise.allSettled(earlyShares.values());
      throw error;
    });
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
      await prerequisites.governed(account.ouPath);
      const member = await deps.clients.forAccount(accountId);
      const early = earlyShares.get(account.ouPath);
      if (early) {
        await early;
      } else if (
        !(await hasAcceptedPortfolio(
          member.serviceCatalog,
          portfolioId,
          'AWS_ORGANIZATIONS',
        ))
      ) {
        await shareWith(account.ouPath);
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

  return products;
}
