/** What the Service Catalog operations share: look-ups, access rules, provisioning and the records' AWS shapes. */
import { AwsError } from '../../errors.ts';
import { type CallContext, paginate } from '../../context.ts';
import { ids } from '../../ids.ts';
import { createDomain, createUserProfile } from '../sagemaker/index.ts';
import type {
  EmulatorState,
  PortfolioRecord,
  ProductRecord,
  ProvisionedProductRecord,
  RecordRecord,
} from '../../state.ts';

export const PROVISIONED_PRODUCT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$/;
export const TOKEN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,127}$/;
export const MAX_IAM_PATTERNS = 10;

export const invalid = (message: string) =>
  new AwsError('InvalidParametersException', message);
/**
 * One page of a Service Catalog list (PageSize, PageToken), 20 items unless
 * asked otherwise; each operation's model caps PageSize (20 or 100) before
 * its handler runs.
 */
export function scPage<T>(items: T[], input: any) {
  const { page, nextToken } = paginate(
    items,
    input?.PageSize || undefined,
    input?.PageToken,
    { max: 100, default: 20 },
    () => invalid('PageToken is not valid.'),
  );
  return { page, NextPageToken: nextToken };
}

export const notFound = (message: string) =>
  new AwsError('ResourceNotFoundException', message);

export function createPortfolio(
  state: EmulatorState,
  accountId: string,
  fields: { displayName: string; providerName: string; description?: string },
): PortfolioRecord {
  const id = ids.portfolio();
  const portfolio: PortfolioRecord = {
    id,
    arn: `arn:aws:catalog:us-east-1:${accountId}:portfolio/${id}`,
    ownerAccountId: accountId,
    displayName: fields.displayName,
    providerName: fields.providerName,
    description: fields.description ?? '',
    productIds: [],
    createdAt: new Date(),
  };
  state.portfolios.set(id, portfolio);
  return portfolio;
}

export function createProduct(
  state: EmulatorState,
  accountId: string,
  fields: {
    name: string;
    owner: string;
    description?: string;
    kind: ProductRecord['kind'];
    /** The first provisioning artifact, as ProvisioningArtifactParameters names it. */
    artifact?: { name?: string; description?: string };
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
        createdAt,
      },
    ],
    createdAt,
  };
  state.products.set(id, product);
  return product;
}

export function sharePortfolio(
  state: EmulatorState,
  portfolioId: string,
  target: {
    type: 'ACCOUNT' | 'ORGANIZATION' | 'ORGANIZATIONAL_UNIT';
    value: string;
  },
  sharePrincipals = false,
) {
  const existing = state.portfolioShares.find(
    s => s.portfolioId === portfolioId && s.target === target.value,
  );
  if (existing) return existing; // sharing again is a no-op in AWS
  const share = {
    token: target.type === 'ACCOUNT' ? undefined : ids.shareToken(),
    portfolioId,
    target: target.value,
    type: target.type,
    sharePrincipals,
    createdAt: new Date(),
    status: 'COMPLETED' as 'IN_PROGRESS' | 'COMPLETED',
  };
  state.portfolioShares.push(share);
  return share;
}

/** The share types through which the portfolio reaches the account. */
export function shareTypesFor(
  state: EmulatorState,
  portfolioId: string,
  accountId: string,
) {
  const types = new Set<string>();
  for (const share of state.portfolioShares) {
    if (share.portfolioId !== portfolioId || share.status !== 'COMPLETED')
      continue;
    if (share.type === 'ACCOUNT' && share.target === accountId) {
      types.add('IMPORTED');
    }
    if (
      share.type === 'ORGANIZATION' ||
      (share.type === 'ORGANIZATIONAL_UNIT' &&
        state.pathTo(accountId).includes(share.target))
    ) {
      types.add('AWS_ORGANIZATIONS');
    }
  }
  return types;
}

export function accessiblePortfolio(
  state: EmulatorState,
  accountId: string,
  portfolioId: string,
) {
  const portfolio = state.portfolios.get(portfolioId);
  if (
    !portfolio ||
    (portfolio.ownerAccountId !== accountId &&
      !state.acceptedShares.has(`${accountId}/${portfolioId}`))
  ) {
    throw notFound(`Portfolio ${portfolioId} not found.`);
  }
  return portfolio;
}

export function ownedPortfolio(
  state: EmulatorState,
  accountId: string,
  portfolioId: string,
) {
  const portfolio = state.portfolios.get(portfolioId);
  if (!portfolio || portfolio.ownerAccountId !== accountId) {
    throw notFound(`Portfolio ${portfolioId} not found.`);
  }
  return portfolio;
}

export function portfolioDetail(portfolio: PortfolioRecord) {
  return {
    Id: portfolio.id,
    ARN: portfolio.arn,
    DisplayName: portfolio.displayName,
    Description: portfolio.description,
    ProviderName: portfolio.providerName,
    CreatedTime: portfolio.createdAt,
  };
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
    Guidance: 'DEFAULT',
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

export function recordDetail(record: RecordRecord) {
  return {
    RecordId: record.id,
    ProvisionedProductName: record.provisionedProductName,
    Status: record.status,
    CreatedTime: record.createdTime,
    UpdatedTime: record.updatedTime,
    ProvisionedProductType: 'CFN_STACK',
    RecordType: record.recordType,
    ProvisionedProductId: record.provisionedProductId,
    ProductId: record.productId,
    ProvisioningArtifactId: record.provisioningArtifactId,
    PathId: record.pathId,
    RecordErrors: record.errors,
    RecordTags: record.tags,
  };
}

export function provisionedProductDetail(
  pp: ProvisionedProductRecord,
  state?: EmulatorState,
) {
  // The last request that succeeded: a failed termination leaves it on the
  // provisioning record (and its outputs).
  const lastSuccessful = state
    ? [...state.records.values()]
        .filter(
          r => r.provisionedProductId === pp.id && r.status === 'SUCCEEDED',
        )
        .sort((a, b) => b.updatedTime.getTime() - a.updatedTime.getTime())[0]
        ?.id
    : undefined;
  return {
    ...(lastSuccessful
      ? { LastSuccessfulProvisioningRecordId: lastSuccessful }
      : {}),
    Name: pp.name,
    Arn: pp.arn,
    Type: 'CFN_STACK',
    Id: pp.id,
    Status: pp.status,
    CreatedTime: pp.createdTime,
    IdempotencyToken: pp.provisionToken,
    LastRecordId: pp.lastRecordId,
    LastProvisioningRecordId: pp.lastRecordId,
    ProductId: pp.productId,
    ProvisioningArtifactId: pp.provisioningArtifactId,
  };
}

/** What a product's provisioning leaves behind, as CloudFormation outputs. */
export function provisionOutputs(
  state: EmulatorState,
  accountId: string,
  region: string,
  product: ProductRecord,
  pp: ProvisionedProductRecord,
) {
  const parameters = Object.fromEntries(
    pp.parameters.map(p => [p.Key, p.Value]),
  );
  if (product.kind === 'sagemaker-studio-domain') {
    const domain = createDomain(state, accountId, region, {
      name: parameters.DomainName || `${pp.name}-domain`,
      authMode: 'IAM',
      tags: Object.fromEntries(pp.tags.map(t => [t.Key, t.Value])),
    });
    // Lets a seed or a template give the domain its users in one step.
    for (const user of (parameters.UserProfileNames ?? '')
      .split(',')
      .filter(Boolean)) {
      createUserProfile(state, domain, user.trim());
    }
    return [
      {
        OutputKey: 'DomainId',
        OutputValue: domain.id,
        Description: 'SageMaker Studio domain id',
      },
      { OutputKey: 'DomainArn', OutputValue: domain.arn },
      { OutputKey: 'DomainUrl', OutputValue: domain.url },
    ];
  }
  if (product.kind === 'mlops-pipeline') {
    const name = parameters.PipelineName || `${pp.name}-pipeline`;
    return [
      { OutputKey: 'PipelineName', OutputValue: name },
      {
        OutputKey: 'PipelineArn',
        OutputValue: `arn:aws:codepipeline:${region}:${accountId}:${name}`,
      },
      {
        OutputKey: 'ModelPackageGroupName',
        OutputValue: parameters.ModelPackageGroupName || `${pp.name}-models`,
      },
    ];
  }
  return [];
}

export interface ProvisionInput {
  product: ProductRecord;
  artifactId: string;
  pathId: string;
  name: string;
  token: string;
  parameters: Array<{ Key: string; Value: string }>;
  tags: Array<{ Key: string; Value: string }>;
}

/** Records a provisioning request: a provisioned product and its CREATED record. */
export function startProvisioning(
  state: EmulatorState,
  accountId: string,
  region: string,
  input: ProvisionInput,
) {
  const now = new Date();
  const id = ids.provisionedProduct();
  const record: RecordRecord = {
    id: ids.record(),
    accountId,
    provisionedProductId: id,
    provisionedProductName: input.name,
    productId: input.product.id,
    provisioningArtifactId: input.artifactId,
    pathId: input.pathId,
    recordType: 'PROVISION_PRODUCT',
    status: 'CREATED',
    createdTime: now,
    updatedTime: now,
    errors: [],
    outputs: [],
    tags: input.tags,
  };
  const pp: ProvisionedProductRecord = {
    id,
    arn: `arn:aws:servicecatalog:${region}:${accountId}:stack/${input.name}/${id}`,
    accountId,
    name: input.name,
    productId: input.product.id,
    provisioningArtifactId: input.artifactId,
    status: 'UNDER_CHANGE',
    createdTime: now,
    lastRecordId: record.id,
    provisionToken: input.token,
    parameters: input.parameters,
    tags: input.tags,
  };
  state.provisionedProducts.set(pp.id, pp);
  state.records.set(record.id, record);
  return { pp, record };
}

/** Completes provisioning: creates what the product stands for and records its outputs. */
export function finishProvisioning(
  state: EmulatorState,
  region: string,
  product: ProductRecord,
  pp: ProvisionedProductRecord,
  record: RecordRecord,
) {
  record.outputs = provisionOutputs(state, pp.accountId, region, product, pp);
  record.status = 'SUCCEEDED';
  record.updatedTime = new Date();
  pp.status = 'AVAILABLE';
}

export function provisionProduct(
  ctx: CallContext,
  input: ProvisionInput,
): RecordRecord {
  const { state, caller, config, region } = ctx;
  const { pp, record } = startProvisioning(
    state,
    caller.accountId,
    region,
    input,
  );
  state.later(config.asyncDelayMs / 2, () => {
    record.status = 'IN_PROGRESS';
    record.updatedTime = new Date();
  });
  state.later(config.asyncDelayMs, () =>
    finishProvisioning(state, region, input.product, pp, record),
  );
  return record;
}

export function matchesSearch(pp: ProvisionedProductRecord, query: string) {
  const [key, ...rest] = query.split(':');
  const value = rest.join(':');
  if (!value) return pp.name.includes(query);
  const fields: Record<string, string> = {
    name: pp.name,
    id: pp.id,
    arn: pp.arn,
    productId: pp.productId,
    provisioningArtifactId: pp.provisioningArtifactId,
    status: pp.status,
    lastRecordId: pp.lastRecordId,
    idempotencyToken: pp.provisionToken,
  };
  if (key === 'tags')
    return pp.tags.some(
      t => `${t.Key}=${t.Value}` === value || t.Value === value,
    );
  return fields[key] === value;
}

/**
 * A create call carrying an IdempotencyToken: repeated with the same token
 * and parameters, it answers what the first call made instead of making a
 * second one; with the same token and other parameters, it is refused.
 */
export function idempotent<T>(
  state: EmulatorState,
  accountId: string,
  operation: string,
  input: Record<string, unknown>,
  create: () => T,
): T {
  const { IdempotencyToken: token, ...parameters } = input;
  if (typeof token !== 'string') return create();
  const key = `${accountId}/${operation}/${token}`;
  const fingerprint = JSON.stringify(parameters);
  const earlier = state.idempotentAnswers.get(key);
  if (earlier) {
    if (earlier.parameters !== fingerprint) {
      throw invalid(
        `IdempotencyToken ${token} was used before with other parameters.`,
      );
    }
    return earlier.answer as T;
  }
  const answer = create();
  state.idempotentAnswers.set(key, { parameters: fingerprint, answer });
  return answer;
}
