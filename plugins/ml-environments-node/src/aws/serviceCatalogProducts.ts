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
  const products = await allPages(
    paginateSearchProductsAsAdmin({ client }, { PortfolioId: portfolioId }),
    page => page.ProductViewDetails,
  );
  return new Set(
    products.flatMap(p =>
      p.ProductViewSummary?.Name ? [p.ProductViewSummary.Name] : [],
    ),
  );
}
