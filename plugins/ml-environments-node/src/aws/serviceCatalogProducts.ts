import {
  ServiceCatalogClient,
  paginateSearchProductsAsAdmin,
} from '@aws-sdk/client-service-catalog';
import { allPages } from '../pages';

/**
 * The names of the products in a portfolio, as its owner sees them
 * (SearchProductsAsAdmin).
 *
 * @public
 */
export async function portfolioProductNames(
  client: ServiceCatalogClient,
  portfolioId: string,
): Promise<Set<string>> {
  return new Set((await portfolioProductIds(client, portfolioId)).keys());
}

/**
 * The ids of the products in a portfolio by name, as its owner sees them
 * (SearchProductsAsAdmin).
 *
 * @public
 */
export async function portfolioProductIds(
  client: ServiceCatalogClient,
  portfolioId: string,
): Promise<Map<string, string>> {
  const products = await allPages(
    paginateSearchProductsAsAdmin({ client }, { PortfolioId: portfolioId }),
    page => page.ProductViewDetails,
  );
  return new Map(
    products.flatMap(({ ProductViewSummary: p }) =>
      p?.Name && p.ProductId ? [[p.Name, p.ProductId] as const] : [],
    ),
  );
}
