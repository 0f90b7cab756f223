import {
  AssociateProductWithPortfolioCommand,
  CreateProductCommand,
  CreateProvisioningArtifactCommand,
  ListProvisioningArtifactsCommand,
  ServiceCatalogClient,
  UpdateProvisioningArtifactCommand,
  paginateSearchProductsAsAdmin,
} from '@aws-sdk/client-service-catalog';
import { createHash } from 'node:crypto';
import { allPages } from '../pages';
import { portfolioProductNames } from './serviceCatalogProducts';
import { DRY_RUN_ID, ProvisioningStep } from './step';

/** A product version ready to publish: its template's exact text and hash. @public */
export interface PublishableProduct {
  /** The product's name in Service Catalog (what provisioning launches). */
  name: string;
  description: string;
  /** The provisioning artifact's name: the product's semantic version. */
  version: string;
  templateBody: string;
  /** Hex SHA-256 of templateBody, kept in the artifact's description. */
  sha256: string;
}

/** What publishing does for one product. @public */
export interface ProductPublishPlan {
  product: PublishableProduct;
  /** create-product: new; add-version: a new artifact; current: nothing to do. */
  action: 'create-product' | 'add-version' | 'current';
  productId?: string;
  /** The version's artifact, when it exists. */
  artifactId?: string;
  /** Artifacts of older versions still recommended, to deprecate. */
  toDeprecate: Array<{ id: string; version: string }>;
  /** Whether the product is in the portfolio already. */
  inPortfolio: boolean;
}

const HASH_PREFIX = 'sha256:';
const token = (...parts: string[]) =>
  createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 64);

/** Products the account owns, by exact name (SearchProductsAsAdmin). */
async function ownProductId(sc: ServiceCatalogClient, name: string) {
  const found = await allPages(
    paginateSearchProductsAsAdmin(
      { client: sc },
      { Filters: { FullTextSearch: [name] }, ProductSource: 'ACCOUNT' },
    ),
    page => page.ProductViewDetails,
  );
  return found.find(p => p.ProductViewSummary?.Name === name)
    ?.ProductViewSummary?.ProductId;
}

async function artifactsOf(sc: ServiceCatalogClient, productId: string) {
  const { ProvisioningArtifactDetails } = await sc.send(
    new ListProvisioningArtifactsCommand({ ProductId: productId }),
  );
  return ProvisioningArtifactDetails ?? [];
}

/**
 * Reads, without changing anything, what publishing each product would do.
 * A version already published with another template is refused: a version
 * names one template, so a change needs a new version.
 *
 * @public
 */
export async function planProductPublishing(
  sc: ServiceCatalogClient,
  portfolioId: string,
  products: PublishableProduct[],
): Promise<ProductPublishPlan[]> {
  const inPortfolio = await portfolioProductNames(sc, portfolioId);
  const plans: ProductPublishPlan[] = [];
  for (const product of products) {
    const productId = await ownProductId(sc, product.name);
    if (!productId) {
      plans.push({
        product,
        action: 'create-product',
        toDeprecate: [],
        inPortfolio: false,
      });
      continue;
    }
    const artifacts = await artifactsOf(sc, productId);
    const same = artifacts.find(a => a.Name === product.version);
    if (same && !same.Description?.includes(product.sha256)) {
      throw new Error(
        `${product.name} version ${product.version} is already published with another template (${same.Description}); give the changed template a new version`,
      );
    }
    plans.push({
      product,
      productId,
      action: same ? 'current' : 'add-version',
      artifactId: same?.Id,
      inPortfolio: inPortfolio.has(product.name),
      toDeprecate: artifacts
        .filter(a => a.Name !== product.version && a.Guidance !== 'DEPRECATED')
        .map(a => ({ id: a.Id!, version: a.Name ?? a.Id! })),
    });
  }
  return plans;
}

/**
 * Publishes one planned product: creates it or adds its version (idempotency
 * tokens derived from name, version and hash, so a retried call cannot add
 * twice), associates it with the portfolio, makes the version the one
 * recommended and deprecates the older ones (still launchable by id, as
 * AWS keeps deprecated versions for existing provisioned products).
 *
 * @returns the product and artifact ids
 * @public
 */
export async function ensureProductPublished(
  sc: ServiceCatalogClient,
  portfolioId: string,
  plan: ProductPublishPlan,
  templateUrl: string,
  step: ProvisioningStep,
): Promise<{ productId: string; artifactId: string }> {
  const { product } = plan;
  const artifact = {
    Name: product.version,
    Description: `${product.description} (${HASH_PREFIX}${product.sha256})`,
    Info: { LoadTemplateFromURL: templateUrl },
    Type: 'CLOUD_FORMATION_TEMPLATE' as const,
  };
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: ${product.name} ${product.version}: ${plan.action}${
        plan.toDeprecate.length
          ? `, would deprecate ${plan.toDeprecate
              .map(a => a.version)
              .join(', ')}`
          : ''
      }`,
    );
    return {
      productId: plan.productId ?? DRY_RUN_ID,
      artifactId: plan.artifactId ?? DRY_RUN_ID,
    };
  }
  let { productId, artifactId } = plan;
  if (!productId) {
    const created = await sc.send(
      new CreateProductCommand({
        Name: product.name,
        Owner: 'ML platform team',
        Description: product.description,
        ProductType: 'CLOUD_FORMATION_TEMPLATE',
        ProvisioningArtifactParameters: artifact,
        IdempotencyToken: token(product.name, product.version, product.sha256),
      }),
    );
    productId = created.ProductViewDetail!.ProductViewSummary!.ProductId!;
    artifactId = created.ProvisioningArtifactDetail!.Id!;
    step.logger.info(`Created product ${product.name} (${productId})`);
  } else if (!artifactId) {
    const created = await sc.send(
      new CreateProvisioningArtifactCommand({
        ProductId: productId,
        Parameters: artifact,
        IdempotencyToken: token(productId, product.version, product.sha256),
      }),
    );
    artifactId = created.ProvisioningArtifactDetail!.Id!;
    step.logger.info(`Added ${product.name} version ${product.version}`);
  }
  if (!plan.inPortfolio) {
    await sc.send(
      new AssociateProductWithPortfolioCommand({
        ProductId: productId,
        PortfolioId: portfolioId,
      }),
    );
    step.logger.info(`Added ${product.name} to portfolio ${portfolioId}`);
  }
  for (const older of plan.toDeprecate) {
    await sc.send(
      new UpdateProvisioningArtifactCommand({
        ProductId: productId,
        ProvisioningArtifactId: older.id,
        Guidance: 'DEPRECATED',
      }),
    );
    step.logger.info(`Deprecated ${product.name} version ${older.version}`);
  }
  return { productId, artifactId: artifactId! };
}
