import {
  ACCOUNT_TAGS,
  AccountStage,
  partitionOf,
  productLaunchWaves,
  resourceTagsOf,
} from '@mlgov/plugin-ml-environments-common';
import {
  DRY_RUN_ID,
  ScpChainCache,
  ensurePortfolioAccepted,
  ensureLaunchRole,
  ensurePortfolioShared,
  ensureProductProvisioned,
  findOwnPortfolio,
  hasAcceptedPortfolio,
  launchPrincipalsFor,
  throwIfAborted,
} from '@mlgov/plugin-ml-environments-node';
import { ensureStudioProfiles } from '../provisionProject.studioProfiles';
import {
  ensureOwnerLaunchPath,
  launchParameters,
  manifestEntryOf,
} from '../productLaunch';
import { AccountIds, EnsuredOu, PhaseContext, settleAll } from './context';
import { recheckProductForAccount } from './productCheck';

const STUDIO_PRODUCTS: string[] = ['ml-studio-domain', 'ml-sandbox-studio'];

/** When each of a product's prerequisites is there. */
export interface ProductPrerequisites {
  /** The project's accounts, once made. */
  accounts: Promise<AccountIds>;
  /** Settles when the OU's accounts are governed (enrolled, guardrails on). */
  governed: (ouPath: string) => Promise<unknown>;
  /**
   * Settles when the run has made all its changes to the SCPs of the OU's
   * accounts, with their documents in `chains`.
   */
  scpsSettled: (ouPath: string) => Promise<unknown>;
  /**
   * Settles when the run has made all its changes to the SCPs on the OU
   * path of an account it does not move (the root and the OUs above it).
   */
  scpsSettledAbove: (accountId: string) => Promise<unknown>;
  /** The run's SCP reads (see readScpChain), for the launches' checks. */
  chains: ScpChainCache;
  /** Stages whose account did not exist before the run. */
  newStages: ReadonlySet<string>;
}

/**
 * The products phase: the plan's products (the products package's, by id)
 * shared with the accounts' OUs, accepted in each account and launched there
 * once the account is governed; the registry in the team shared services
 * account, the portfolio's own. An OU whose account this run makes is
 * shared at once, beside the account's creation (a new account has
 * accepted nothing). A product launches once its account is governed and
 * the products whose outputs are its parameters have launched; each
 * launch's parameters are checked against its template before it changes
 * anything. Independent launches go side by side: Service Catalog
 * documents no limit on concurrent launches beyond its request rates.
 */
export async function productsPhase(
  { plan, deps, step, org }: PhaseContext,
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
    const launchRole = {
      roleName: catalog.launchRoleName,
      partition: partitionOf(deps.clients.awsConfig.region).partition,
      templatesAccount: catalog.sharedServicesAccountId,
    };
    const earlyShares = new Map<string, Promise<void>>();
    for (const product of plan.products) {
      const account = plan.accounts.find(a => a.stage === product.stage);
      if (!account) continue; // team shared services: the owner's own
      const { ouPath } = account;
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
    // One share check and acceptance per account, however many products
    // it launches (dev launches Studio and the model-build pipeline).
    const readiness = new Map<string, Promise<void>>();
    const readyIn = (accountId: string, ouPath: string) => {
      if (!readiness.has(accountId)) {
        const ready = (async () => {
          await prerequisites.governed(ouPath);
          const member = await deps.clients.forAccount(accountId);
          const early = earlyShares.get(ouPath);
          if (early) {
            await early;
          } else if (
            !(await hasAcceptedPortfolio(
              member.serviceCatalog,
              portfolioId,
              'AWS_ORGANIZATIONS',
            ))
          ) {
            await shareWith(ouPath);
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
          // The account baseline: the role the products launch as.
          await ensureLaunchRole(member.iam, accountId, launchRole, step);
        })();
        readiness.set(accountId, ready);
      }
      return readiness.get(accountId)!;
    };
    // The launches' SCP checks share what they read: each reads once the
    // run's changes to its account's SCPs are done (scpsSettled), so
    // nothing of this run changes what it read afterwards; the run's own
    // SCPs' documents are known then, the guardrails made them so.
    const { chains } = prerequisites;
    const launched = new Map<string, Record<string, string>>();
    const keyOf = (p: { product: string; stage: string }) =>
      `${p.product}@${p.stage}`;
    const provisionOne = async (product: (typeof plan.products)[number]) => {
      throwIfAborted(step, 'provisioning products');
      const inShared = product.stage === 'team-shared-services';
      const account = plan.accounts.find(a => a.stage === product.stage);
      const accountId = inShared
        ? catalog.sharedServicesAccountId
        : accountIds.get(account!.stage)!;
      const entry = manifestEntryOf(product);
      // A dry run makes no account and launches nothing: a product waiting
      // on either is only named.
      const waiting = Object.values(product.inputs).some(input =>
        input.from === 'account'
          ? accountIds.get(input.stage) === DRY_RUN_ID
          : input.from === 'output' && !launched.has(keyOf(input)),
      );
      if (accountId === DRY_RUN_ID || (step.isDryRun && waiting)) {
        step.logger.info(
          `Dry run: would provision ${entry.name} as ${product.provisionedProductName} in the ${product.stage} account`,
        );
        return undefined;
      }
      // Checked before this product changes anything.
      const parameters = launchParameters(product, entry, {
        network: deps.provisioning.network,
        accountId: stage => accountIds.get(stage as AccountStage),
        outputs: (id, stage) =>
          launched.get(keyOf({ product: id, stage })) ?? {},
      });
      const tags = inShared
        ? {
            ...resourceTagsOf(plan.accounts[0].tags),
            [ACCOUNT_TAGS.stage]: 'team-shared-services',
          }
        : resourceTagsOf(account!.tags);
      // The account's own SCPs, once the run's changes to them are done,
      // before anything of this launch changes (beside its enrolment).
      await (inShared
        ? prerequisites.scpsSettledAbove(accountId)
        : prerequisites.scpsSettled(account!.ouPath));
      await recheckProductForAccount(
        { org, clients: deps.clients, step, chains },
        {
          productId: product.product,
          name: product.provisionedProductName,
          accountId,
          parameters,
          tags,
          // CloudFormation acts as the product's LAUNCH constraint role.
          roleName: launchRole.roleName,
        },
      );
      let member;
      if (inShared) {
        member = owner;
        await ensureLaunchRole(owner.iam, accountId, launchRole, step);
        await ensureOwnerLaunchPath(
          owner.serviceCatalog,
          portfolioId,
          launchPrincipalsFor(
            accountId,
            catalog.principalArns,
            deps.clients.awsConfig,
          ),
          step,
        );
      } else {
        await readyIn(accountId, account!.ouPath);
        member = await deps.clients.forAccount(accountId);
      }
      const outputs = await ensureProductProvisioned(
        member.serviceCatalog,
        {
          accountId,
          product: entry.name,
          provisionedProductName: product.provisionedProductName,
          parameters,
          tags,
        },
        step,
      );
      launched.set(keyOf(product), outputs);
      const studioProfiles =
        STUDIO_PRODUCTS.includes(product.product) && outputs.DomainId
          ? await ensureStudioProfiles(
              member,
              outputs.DomainId,
              members,
              tags,
              step,
            )
          : [];
      const { inputs: _inputs, ...planned } = product;
      return {
        ...planned,
        name: entry.name,
        version: entry.version,
        accountId,
        outputs,
        studioProfiles,
      };
    };
    // Each product launches once the products whose outputs it takes have
    // (productLaunchWaves orders them and refuses a plan that waits on
    // outputs no product gives), not once a whole wave has: the deploy
    // pipeline need not wait for the dev account's Studio. Each account is
    // shared and accepted once.
    const results = new Map<
      (typeof plan.products)[number],
      Awaited<ReturnType<typeof provisionOne>>
    >();
    const launches = new Map<string, Promise<void>>();
    for (const product of productLaunchWaves(plan.products).flat()) {
      const after = Object.values(product.inputs).flatMap(input =>
        input.from === 'output' ? [launches.get(keyOf(input))!] : [],
      );
      launches.set(
        keyOf(product),
        Promise.all(after).then(async () => {
          results.set(product, await provisionOne(product));
        }),
      );
    }
    await settleAll([...launches.values()]);
    for (const product of plan.products) {
      const result = results.get(product);
      if (result) products.push(result);
    }
  }

  return products;
}
