/**
 * Service Catalog's products, split out of shared.ts: creating them with
 * their first artifact, the product and artifact AWS shapes, and which
 * portfolios let a caller's principal launch a product.
 */
import type { CallContext } from '../../context.ts';
import { ids } from '../../ids.ts';
import type { EmulatorState, ProductRecord } from '../../state.ts';
import { invalid, notFound } from './requests.ts';

export function createProduct(
  state: EmulatorState,
  accountId: string,
  fields: {
    name: string;
    owner: string;
    description?: string;
    kind: ProductRecord['kind'];
    /** The first provisioning artifact, as ProvisioningArtifactParameters names it. */
    artifact?: {
      name?: string;
      description?: string;
      templateBody?: string;
      templateUrl?: string;
    };
  },
): ProductRecord {
  const id = ids.product();
  const createdAt = new Date();
  const product: ProductRecord = {
    id,
    arn: `arn:aws:catalog:us-east-1:${accountId}:product/${id}`,
    ownerAccountId: accountId,
    name: fields.name,
    owner: fields.owner,
    description: fields.description ?? '',
    kind: fields.kind,
    artifacts: [
      {
        id: ids.provisioningArtifact(),
        name: fields.artifact?.name ?? 'v1',
        description: fields.artifact?.description ?? '',
        active: true,
        guidance: 'DEFAULT',
        createdAt,
        templateBody: fields.artifact?.templateBody,
        templateUrl: fields.artifact?.templateUrl,
      },
    ],
    createdAt,
  };
  state.products.set(id, product);
  return product;
}

export function productView(product: ProductRecord) {
  return {
    ProductViewSummary: {
      Id: `prodview-${product.id.slice(5)}`,
      ProductId: product.id,
      Name: product.name,
      Owner: product.owner,
      ShortDescription: product.description,
      Type: 'CLOUD_FORMATION_TEMPLATE',
    },
    Status: 'AVAILABLE',
    ProductARN: product.arn,
    CreatedTime: product.createdAt,
  };
}

export function artifactDetail(artifact: ProductRecord['artifacts'][number]) {
  return {
    Id: artifact.id,
    Name: artifact.name,
    Description: artifact.description,
    Type: 'CLOUD_FORMATION_TEMPLATE',
    CreatedTime: artifact.createdAt,
    Active: artifact.active,
    Guidance: artifact.guidance,
  };
}

/** The IAM role or user ARN behind a caller's (possibly assumed-role) ARN. */
export function iamArnOf(callerArn: string) {
  const assumed = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(
    callerArn,
  );
  return assumed ? `arn:aws:iam::${assumed[1]}:role/${assumed[2]}` : callerArn;
}

export function principalMatches(
  principal: { PrincipalARN: string; PrincipalType: string },
  iamArn: string,
) {
  if (principal.PrincipalType === 'IAM')
    return principal.PrincipalARN === iamArn;
  // IAM_PATTERN: no account id, * and ? wildcards in the resource part.
  const withoutAccount = iamArn.replace(
    /^arn:aws:iam::\d{12}:/,
    'arn:aws:iam:::',
  );
  const pattern = principal.PrincipalARN.replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test(withoutAccount);
}

/** Portfolios through which the caller may launch the product. */
export function launchPortfolios(ctx: CallContext, productId: string) {
  const { state, caller } = ctx;
  const iamArn = iamArnOf(caller.arn);
  return [...state.portfolios.values()].filter(portfolio => {
    if (!portfolio.productIds.includes(productId)) return false;
    const key = `${caller.accountId}/${portfolio.id}`;
    const reachable =
      portfolio.ownerAccountId === caller.accountId ||
      state.acceptedShares.has(key);
    const principals = [
      ...(state.portfolioPrincipals.get(key) ?? []),
      // Org shares with SharePrincipals carry the owner's IAM_PATTERN principals.
      ...(state.portfolioShares.some(
        s => s.portfolioId === portfolio.id && s.sharePrincipals,
      )
        ? (
            state.portfolioPrincipals.get(
              `${portfolio.ownerAccountId}/${portfolio.id}`,
            ) ?? []
          ).filter(p => p.PrincipalType === 'IAM_PATTERN')
        : []),
    ];
    return reachable && principals.some(p => principalMatches(p, iamArn));
  });
}

/**
 * The launch path a launch names (PathId or PathName, the portfolio's id or
 * name): optional only when the product has one path for the caller, as
 * ProvisionProduct and DescribeProvisioningParameters document.
 */
export function launchPathFor(
  ctx: CallContext,
  productId: string,
  input: { PathId?: string; PathName?: string },
) {
  const portfolios = launchPortfolios(ctx, productId);
  if (portfolios.length === 0) {
    throw notFound(
      `Product ${productId} is not available to ${ctx.caller.arn}: accept a share of a portfolio holding it and associate the principal with that portfolio.`,
    );
  }
  if (!input.PathId && !input.PathName) {
    if (portfolios.length > 1) {
      throw invalid(
        `Product ${productId} has ${portfolios.length} launch paths for ${ctx.caller.arn}: give PathId (ListLaunchPaths names them).`,
      );
    }
    return portfolios[0];
  }
  const path = portfolios.find(p =>
    input.PathId ? p.id === input.PathId : p.displayName === input.PathName,
  );
  if (!path) {
    throw notFound(`Launch path ${input.PathId ?? input.PathName} not found.`);
  }
  return path;
}
