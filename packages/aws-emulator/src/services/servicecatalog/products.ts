/** Products, their artifacts and launch paths. */
import { type OperationGroup } from '../../context.ts';
import {
  invalid,
  notFound,
  createProduct,
  accessiblePortfolio,
  ownedPortfolio,
  productView,
  artifactDetail,
  launchPortfolios,
  idempotent,
  scPage,
} from './shared.ts';
import { loadArtifactTemplate } from './artifacts.ts';

export const productsOperations: OperationGroup = {
  mutations: new Set(['CreateProduct', 'AssociateProductWithPortfolio']),
  handlers: {
    CreateProduct: (ctx, input) => {
      const { state, caller } = ctx;
      if (!input.Name || !input.Owner || !input.ProductType) {
        throw invalid('Name, Owner and ProductType are required.');
      }
      // The emulator's canned kinds (tag `emulator:kind`) read no template;
      // any other product's template is read and validated now, as AWS does.
      const kindTag = (input.Tags ?? []).find(
        (t: any) => t.Key === 'emulator:kind',
      )?.Value;
      return idempotent(state, caller.accountId, 'CreateProduct', input, () => {
        const template = kindTag
          ? undefined
          : loadArtifactTemplate(ctx, input.ProvisioningArtifactParameters);
        const product = createProduct(state, caller.accountId, {
          name: input.Name,
          owner: input.Owner,
          description: input.Description,
          kind: kindTag ?? 'template',
          artifact: {
            name: input.ProvisioningArtifactParameters?.Name,
            description: input.ProvisioningArtifactParameters?.Description,
            ...template,
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
      const { page, NextPageToken } = scPage(products.map(productView), input);
      return { ProductViewDetails: page, NextPageToken };
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
            Guidance: a.guidance,
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

    SearchProducts: (ctx, input) => {
      const products = [...ctx.state.products.values()].filter(
        product => launchPortfolios(ctx, product.id).length > 0,
      );
      const { page, NextPageToken } = scPage(
        products.map(p => productView(p).ProductViewSummary),
        input,
      );
      return { ProductViewSummaries: page, NextPageToken };
    },

    ListLaunchPaths: (ctx, input) => ({
      LaunchPathSummaries: launchPortfolios(ctx, input.ProductId).map(p => ({
        Id: p.id,
        Name: p.displayName,
        Tags: [],
        ConstraintSummaries: [],
      })),
    }),
  },
};
