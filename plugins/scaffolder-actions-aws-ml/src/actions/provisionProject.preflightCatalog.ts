import { ProvisioningPlan } from '@mlgov/plugin-ml-environments-common';
import {
  findOwnPortfolio,
  MlProvisioningConfig,
  portfolioProductIds,
  portfolioSharingProblem,
  productsWithoutLaunchConstraint,
} from '@mlgov/plugin-ml-environments-node';
import { AwsMlActionDeps } from './deps';
import { manifestEntryOf } from './productLaunch';

// Pre-flight's Service Catalog checks (see preflight).

/**
 * The products are launched from the portfolio shared with the accounts'
 * OUs, which AWS allows only to the management account or a Service
 * Catalog delegated administrator, with Organizations access enabled: said
 * here, with the commands to run, rather than by CreatePortfolioShare
 * after the accounts are made.
 */
export async function sharingProblems(
  clients: AwsMlActionDeps['clients'],
  catalog: NonNullable<MlProvisioningConfig['serviceCatalog']>,
): Promise<string[]> {
  try {
    const problem = await portfolioSharingProblem(
      await clients.organizations(),
      {
        ownerAccountId: catalog.sharedServicesAccountId,
        managementAccountId: (await clients.managementIdentity()).accountId,
        portfolio: catalog.portfolio,
      },
    );
    return problem ? [problem] : [];
  } catch (error) {
    return [
      `Whether ${
        catalog.sharedServicesAccountId
      } may share the portfolio with OUs cannot be checked: ${
        (error as Error).message
      }; the management account needs organizations:ListAWSServiceAccessForOrganization and organizations:ListDelegatedAdministrators`,
    ];
  }
}

/** The portfolio and the plan's products are there, in the shared services account. */
export async function serviceCatalogProblems(
  plan: ProvisioningPlan,
  clients: AwsMlActionDeps['clients'],
  catalog: NonNullable<MlProvisioningConfig['serviceCatalog']>,
): Promise<string[]> {
  try {
    const owner = await clients.forAccount(catalog.sharedServicesAccountId);
    const portfolioId = await findOwnPortfolio(
      owner.serviceCatalog,
      catalog.portfolio,
    );
    const offered = await portfolioProductIds(
      owner.serviceCatalog,
      portfolioId,
    );
    const names = [...new Set(plan.products.map(p => manifestEntryOf(p).name))];
    const missing = names
      .filter(name => !offered.has(name))
      .map(
        name =>
          `Portfolio '${catalog.portfolio}' in ${catalog.sharedServicesAccountId} has no product '${name}'; publish the products with the template ml-platform-publish-products`,
      );
    // Without a LAUNCH constraint a product's stack would run with the
    // suite's own role, which may not make the product's resources.
    const ids = names.flatMap(name => offered.get(name) ?? []);
    const unconstrained = await productsWithoutLaunchConstraint(
      owner.serviceCatalog,
      portfolioId,
      ids,
    );
    return [
      ...missing,
      ...names
        .filter(name => unconstrained.includes(offered.get(name) ?? ''))
        .map(
          name =>
            `Product '${name}' in portfolio '${catalog.portfolio}' has no launch constraint, so it has no launch path for the suite's role: publish the products again with the template ml-platform-publish-products, which makes each launch as the role ${catalog.launchRoleName}`,
        ),
    ];
  } catch (error) {
    return [
      `Service Catalog in the shared services account ${
        catalog.sharedServicesAccountId
      } cannot be used: ${(error as Error).message}`,
    ];
  }
}
