import { AwsError } from '../errors.ts';
import { type CallContext, type Handlers, paginate } from '../context.ts';
import { ids } from '../ids.ts';
import type {
  EmulatorState,
  PortfolioRecord,
  ProductRecord,
  ProvisionedProductRecord,
  RecordRecord,
} from '../state.ts';
import { createDomain, createUserProfile } from './sagemaker.ts';

const PROVISIONED_PRODUCT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$/;
const TOKEN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,127}$/;
const MAX_IAM_PATTERNS = 10;

const invalid = (message: string) =>
  new AwsError('InvalidParametersException', message);
const notFound = (message: string) =>
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
function shareTypesFor(
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

function accessiblePortfolio(
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

function ownedPortfolio(
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

function portfolioDetail(portfolio: PortfolioRecord) {
  return {
    Id: portfolio.id,
    ARN: portfolio.arn,
    DisplayName: portfolio.displayName,
    Description: portfolio.description,
    ProviderName: portfolio.providerName,
    CreatedTime: portfolio.createdAt,
  };
}

function productView(product: ProductRecord) {
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

function artifactDetail(artifact: ProductRecord['artifacts'][number]) {
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
function iamArnOf(callerArn: string) {
  const assumed = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(
    callerArn,
  );
  return assumed ? `arn:aws:iam::${assumed[1]}:role/${assumed[2]}` : callerArn;
}

function principalMatches(
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
function launchPortfolios(ctx: CallContext, productId: string) {
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

function recordDetail(record: RecordRecord) {
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

function provisionedProductDetail(pp: ProvisionedProductRecord) {
  return {
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
function provisionOutputs(
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

interface ProvisionInput {
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

function provisionProduct(
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

function matchesSearch(pp: ProvisionedProductRecord, query: string) {
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

/** The operations below that change state; every other one only reads. */
export const serviceCatalogMutations: ReadonlySet<string> = new Set([
  'CreatePortfolio',
  'CreateProduct',
  'AssociateProductWithPortfolio',
  'CreatePortfolioShare',
  'AcceptPortfolioShare',
  'AssociatePrincipalWithPortfolio',
  'ProvisionProduct',
]);

export function serviceCatalogHandlers(): Handlers {
  return {
    CreatePortfolio: ({ state, caller }, input) => {
      if (!input.DisplayName || !input.ProviderName) {
        throw invalid('DisplayName and ProviderName are required.');
      }
      return idempotent(
        state,
        caller.accountId,
        'CreatePortfolio',
        input,
        () => {
          const portfolio = createPortfolio(state, caller.accountId, {
            displayName: input.DisplayName,
            providerName: input.ProviderName,
            description: input.Description,
          });
          return {
            PortfolioDetail: portfolioDetail(portfolio),
            Tags: input.Tags ?? [],
          };
        },
      );
    },

    ListPortfolios: ({ state, caller }) => ({
      PortfolioDetails: [...state.portfolios.values()]
        .filter(p => p.ownerAccountId === caller.accountId)
        .map(portfolioDetail),
    }),

    DescribePortfolio: ({ state, caller }, input) => {
      const portfolio = accessiblePortfolio(state, caller.accountId, input.Id);
      return {
        PortfolioDetail: portfolioDetail(portfolio),
        Tags: [],
        TagOptions: [],
      };
    },

    CreateProduct: ({ state, caller }, input) => {
      if (!input.Name || !input.Owner || !input.ProductType) {
        throw invalid('Name, Owner and ProductType are required.');
      }
      const kindTag = (input.Tags ?? []).find(
        (t: any) => t.Key === 'emulator:kind',
      )?.Value;
      return idempotent(state, caller.accountId, 'CreateProduct', input, () => {
        const product = createProduct(state, caller.accountId, {
          name: input.Name,
          owner: input.Owner,
          description: input.Description,
          kind: kindTag ?? 'generic',
          artifact: {
            name: input.ProvisioningArtifactParameters?.Name,
            description: input.ProvisioningArtifactParameters?.Description,
          },
        });
        return {
          ProductViewDetail: productView(product),
          ProvisioningArtifactDetail: artifactDetail(product.artifacts[0]),
          Tags: input.Tags ?? [],
        };
      });
    },

    AssociateProductWithPortfolio: ({ state, caller }, input) => {
      const portfolio = ownedPortfolio(
        state,
        caller.accountId,
        input.PortfolioId,
      );
      const product = state.products.get(input.ProductId);
      if (!product || product.ownerAccountId !== caller.accountId) {
        throw notFound(`Product ${input.ProductId} not found.`);
      }
      if (!portfolio.productIds.includes(product.id))
        portfolio.productIds.push(product.id);
      return {};
    },

    SearchProductsAsAdmin: ({ state, caller }, input) => {
      const products = input.PortfolioId
        ? accessiblePortfolio(
            state,
            caller.accountId,
            input.PortfolioId,
          ).productIds.map(id => state.products.get(id)!)
        : [...state.products.values()].filter(
            p => p.ownerAccountId === caller.accountId,
          );
      return { ProductViewDetails: products.map(productView) };
    },

    DescribeProduct: (ctx, input) => {
      const product = input.Id
        ? ctx.state.products.get(input.Id)
        : [...ctx.state.products.values()].find(p => p.name === input.Name);
      if (!product || launchPortfolios(ctx, product.id).length === 0) {
        throw notFound(`Product ${input.Id ?? input.Name} not found.`);
      }
      return {
        ProductViewSummary: productView(product).ProductViewSummary,
        ProvisioningArtifacts: product.artifacts
          .filter(a => a.active)
          .map(a => ({
            Id: a.id,
            Name: a.name,
            Description: a.description,
            Guidance: 'DEFAULT',
            CreatedTime: a.createdAt,
          })),
        LaunchPaths: launchPortfolios(ctx, product.id).map(p => ({
          Id: p.id,
          Name: p.displayName,
        })),
      };
    },

    // The owner's view of its product: every artifact, active or not.
    DescribeProductAsAdmin: ({ state, caller }, input) => {
      const product = input.Id
        ? state.products.get(input.Id)
        : [...state.products.values()].find(
            p => p.name === input.Name && p.ownerAccountId === caller.accountId,
          );
      if (!product || product.ownerAccountId !== caller.accountId) {
        throw notFound(`Product ${input.Id ?? input.Name} not found.`);
      }
      return {
        ProductViewDetail: productView(product),
        ProvisioningArtifactSummaries: product.artifacts.map(a => ({
          Id: a.id,
          Name: a.name,
          Description: a.description,
          CreatedTime: a.createdAt,
        })),
        Tags: [],
        TagOptions: [],
        Budgets: [],
      };
    },

    SearchProducts: ctx => {
      const products = [...ctx.state.products.values()].filter(
        product => launchPortfolios(ctx, product.id).length > 0,
      );
      return {
        ProductViewSummaries: products.map(
          p => productView(p).ProductViewSummary,
        ),
      };
    },

    CreatePortfolioShare: ({ state, caller, config }, input) => {
      const portfolio = ownedPortfolio(
        state,
        caller.accountId,
        input.PortfolioId,
      );
      if (state.acceptedShares.has(`${caller.accountId}/${portfolio.id}`)) {
        throw new AwsError(
          'OperationNotSupportedException',
          'A shared portfolio cannot be shared again.',
        );
      }
      if (input.AccountId) {
        if (!/^\d{12}$/.test(input.AccountId))
          throw invalid(`AccountId ${input.AccountId} is not valid.`);
        sharePortfolio(state, portfolio.id, {
          type: 'ACCOUNT',
          value: input.AccountId,
        });
        return {};
      }
      const node = input.OrganizationNode;
      if (!node?.Type || !node.Value) {
        throw invalid('Either AccountId or OrganizationNode is required.');
      }
      if (
        caller.accountId !== state.managementAccountId &&
        !state.accounts.has(caller.accountId)
      ) {
        throw new AwsError(
          'OperationNotSupportedException',
          'Only accounts of the organization can share to it.',
        );
      }
      if (input.SharePrincipals && node.Type === 'ACCOUNT') {
        throw invalid(
          'SharePrincipals is allowed only for ORGANIZATION and ORGANIZATIONAL_UNIT shares.',
        );
      }
      let value = String(node.Value);
      if (node.Type === 'ORGANIZATIONAL_UNIT') {
        value = value.split('/').pop()!;
        if (!state.ous.has(value))
          throw notFound(`Organizational unit ${node.Value} not found.`);
      } else if (node.Type === 'ORGANIZATION') {
        value = value.split('/').pop()!;
        if (value !== state.organizationId)
          throw notFound(`Organization ${node.Value} not found.`);
      } else if (node.Type === 'ACCOUNT') {
        if (!state.accounts.has(value))
          throw notFound(`Account ${value} not found.`);
      } else {
        throw invalid(`OrganizationNode.Type ${node.Type} is not valid.`);
      }
      const existed = state.portfolioShares.find(
        s => s.portfolioId === portfolio.id && s.target === value,
      );
      const share = sharePortfolio(
        state,
        portfolio.id,
        { type: node.Type, value },
        Boolean(input.SharePrincipals),
      );
      if (!existed) {
        share.status = 'IN_PROGRESS';
        state.later(config.asyncDelayMs, () => {
          share.status = 'COMPLETED';
        });
      }
      return { PortfolioShareToken: share.token };
    },

    DescribePortfolioShareStatus: ({ state, caller }, input) => {
      const share = state.portfolioShares.find(
        s => s.token === input.PortfolioShareToken,
      );
      if (
        !share ||
        state.portfolios.get(share.portfolioId)?.ownerAccountId !==
          caller.accountId
      ) {
        throw notFound(`Share ${input.PortfolioShareToken} not found.`);
      }
      const recipients = [...state.accounts.values()]
        .filter(
          a =>
            a.id !== caller.accountId &&
            shareTypesFor(state, share.portfolioId, a.id).size > 0,
        )
        .map(a => a.id);
      return {
        PortfolioShareToken: share.token,
        PortfolioId: share.portfolioId,
        OrganizationNodeValue: share.target,
        Status: share.status,
        ShareDetails:
          share.status === 'COMPLETED'
            ? { SuccessfulShares: recipients, ShareErrors: [] }
            : undefined,
      };
    },

    DescribePortfolioShares: ({ state, caller }, input) => {
      ownedPortfolio(state, caller.accountId, input.PortfolioId);
      const all = state.portfolioShares.filter(
        share =>
          share.portfolioId === input.PortfolioId && share.type === input.Type,
      );
      const start = input.PageToken ? Number(input.PageToken) : 0;
      if (!Number.isInteger(start) || start < 0 || start > all.length) {
        throw invalid('PageToken is not valid.');
      }
      const end = start + (input.PageSize ?? 20);
      return {
        PortfolioShareDetails: all.slice(start, end).map(share => ({
          PrincipalId: share.target,
          Type: share.type,
          // An account share counts as accepted once the account accepts it.
          Accepted:
            share.type !== 'ACCOUNT' ||
            state.acceptedShares.has(`${share.target}/${share.portfolioId}`),
          ShareTagOptions: false,
          SharePrincipals: share.sharePrincipals,
        })),
        ...(end < all.length ? { NextPageToken: String(end) } : {}),
      };
    },

    AcceptPortfolioShare: ({ state, caller }, input) => {
      const wanted = input.PortfolioShareType ?? 'IMPORTED';
      if (wanted === 'AWS_SERVICECATALOG') {
        throw notFound(
          'PortfolioShareType AWS_SERVICECATALOG is not supported.',
        );
      }
      const reachable = state.portfolios.has(input.PortfolioId)
        ? shareTypesFor(state, input.PortfolioId, caller.accountId)
        : new Set<string>();
      if (!reachable.has(wanted)) {
        throw notFound(
          `Portfolio ${input.PortfolioId} has no ${wanted} share with account ${caller.accountId}.`,
        );
      }
      state.acceptedShares.set(
        `${caller.accountId}/${input.PortfolioId}`,
        wanted,
      );
      return {};
    },

    ListAcceptedPortfolioShares: ({ state, caller }, input) => {
      const type = input.PortfolioShareType ?? 'IMPORTED';
      const portfolios = [...state.acceptedShares.entries()]
        .filter(
          ([key, shareType]) =>
            key.startsWith(`${caller.accountId}/`) && shareType === type,
        )
        .map(([key]) => state.portfolios.get(key.split('/')[1])!);
      return { PortfolioDetails: portfolios.map(portfolioDetail) };
    },

    AssociatePrincipalWithPortfolio: ({ state, caller }, input) => {
      const portfolio = accessiblePortfolio(
        state,
        caller.accountId,
        input.PortfolioId,
      );
      if (
        !input.PrincipalARN ||
        !['IAM', 'IAM_PATTERN'].includes(input.PrincipalType)
      ) {
        throw invalid(
          'PrincipalARN and a PrincipalType of IAM or IAM_PATTERN are required.',
        );
      }
      const key = `${caller.accountId}/${portfolio.id}`;
      const principals = state.portfolioPrincipals.get(key) ?? [];
      if (principals.some(p => p.PrincipalARN === input.PrincipalARN))
        return {};
      if (
        input.PrincipalType === 'IAM_PATTERN' &&
        principals.filter(p => p.PrincipalType === 'IAM_PATTERN').length >=
          MAX_IAM_PATTERNS
      ) {
        throw new AwsError(
          'LimitExceededException',
          `A portfolio can have at most ${MAX_IAM_PATTERNS} IAM_PATTERN principals.`,
        );
      }
      principals.push({
        PrincipalARN: input.PrincipalARN,
        PrincipalType: input.PrincipalType,
      });
      state.portfolioPrincipals.set(key, principals);
      return {};
    },

    ListPrincipalsForPortfolio: ({ state, caller }, input) => {
      accessiblePortfolio(state, caller.accountId, input.PortfolioId);
      return {
        Principals:
          state.portfolioPrincipals.get(
            `${caller.accountId}/${input.PortfolioId}`,
          ) ?? [],
      };
    },

    ListLaunchPaths: (ctx, input) => ({
      LaunchPathSummaries: launchPortfolios(ctx, input.ProductId).map(p => ({
        Id: p.id,
        Name: p.displayName,
        Tags: [],
        ConstraintSummaries: [],
      })),
    }),

    ProvisionProduct: (ctx, input) => {
      const { state, caller } = ctx;
      if (
        !input.ProvisionedProductName ||
        !PROVISIONED_PRODUCT_NAME.test(input.ProvisionedProductName)
      ) {
        throw invalid(
          `ProvisionedProductName '${
            input.ProvisionedProductName ?? ''
          }' must be 1 to 128 characters of letters, digits, '.', '_' and '-', starting with a letter or digit.`,
        );
      }
      if (!input.ProvisionToken || !TOKEN.test(input.ProvisionToken)) {
        throw invalid(
          'ProvisionToken is required: 1 to 128 letters, digits, _ and -.',
        );
      }
      const tags: Array<{ Key: string; Value: string }> = input.Tags ?? [];
      if (tags.length > 50 || tags.some(t => !t.Value)) {
        throw invalid(
          'Tags need a non-empty Value, and at most 50 may be given.',
        );
      }
      const product = input.ProductId
        ? state.products.get(input.ProductId)
        : [...state.products.values()].find(p => p.name === input.ProductName);
      if (!product) {
        throw notFound(
          `Product ${input.ProductId ?? input.ProductName} not found.`,
        );
      }
      const portfolios = launchPortfolios(ctx, product.id);
      if (portfolios.length === 0) {
        throw notFound(
          `Product ${product.id} is not available to ${caller.arn}: accept a share of a portfolio holding it and associate the principal with that portfolio.`,
        );
      }
      const path = input.PathId
        ? portfolios.find(p => p.id === input.PathId)
        : portfolios[0];
      if (!path) throw notFound(`Launch path ${input.PathId} not found.`);
      const artifact = product.artifacts.find(
        a =>
          a.id === input.ProvisioningArtifactId ||
          a.name === input.ProvisioningArtifactName,
      );
      if (!artifact) {
        throw notFound(
          `Provisioning artifact ${
            input.ProvisioningArtifactId ?? input.ProvisioningArtifactName
          } not found.`,
        );
      }
      const sameName = [...state.provisionedProducts.values()].find(
        pp =>
          pp.accountId === caller.accountId &&
          pp.name === input.ProvisionedProductName,
      );
      if (sameName) {
        if (sameName.provisionToken === input.ProvisionToken) {
          return {
            RecordDetail: recordDetail(
              state.records.get(sameName.lastRecordId)!,
            ),
          };
        }
        throw new AwsError(
          'DuplicateResourceException',
          `A provisioned product named ${input.ProvisionedProductName} already exists in this account.`,
        );
      }
      const record = provisionProduct(ctx, {
        product,
        artifactId: artifact.id,
        pathId: path.id,
        name: input.ProvisionedProductName,
        token: input.ProvisionToken,
        parameters: input.ProvisioningParameters ?? [],
        tags,
      });
      return { RecordDetail: recordDetail(record) };
    },

    DescribeRecord: ({ state, caller }, input) => {
      const record = state.records.get(input.Id);
      if (!record || record.accountId !== caller.accountId) {
        throw notFound(`Record ${input.Id} not found.`);
      }
      return {
        RecordDetail: recordDetail(record),
        RecordOutputs: record.outputs,
      };
    },

    SearchProvisionedProducts: ({ state, caller }, input) => {
      const queries: string[] = input.Filters?.SearchQuery ?? [];
      const items = [...state.provisionedProducts.values()].filter(
        pp =>
          pp.accountId === caller.accountId &&
          queries.every(q => matchesSearch(pp, q)),
      );
      const { page, nextToken } = paginate(
        items.map(pp => ({ ...provisionedProductDetail(pp), Tags: pp.tags })),
        input.PageSize || undefined,
        input.PageToken,
        { max: 100, default: 20 },
        () => invalid('PageToken is not valid.'),
      );
      return {
        ProvisionedProducts: page,
        TotalResultsCount: items.length,
        NextPageToken: nextToken,
      };
    },

    DescribeProvisionedProduct: ({ state, caller }, input) => {
      const pp = [...state.provisionedProducts.values()].find(
        p =>
          p.accountId === caller.accountId &&
          (p.id === input.Id || p.name === input.Name),
      );
      if (!pp)
        throw notFound(
          `Provisioned product ${input.Id ?? input.Name} not found.`,
        );
      return {
        ProvisionedProductDetail: provisionedProductDetail(pp),
        CloudWatchDashboards: [],
      };
    },
  };
}

/**
 * A create call carrying an IdempotencyToken: repeated with the same token
 * and parameters, it answers what the first call made instead of making a
 * second one; with the same token and other parameters, it is refused.
 */
function idempotent<T>(
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
