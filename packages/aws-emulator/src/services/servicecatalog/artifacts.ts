/**
 * Provisioning artifacts (versions) of template-backed products: the
 * template is read from the emulator's S3 and validated when the artifact
 * is created, as Service Catalog does; versions are listed, described,
 * deactivated and deprecated; their parameters are read from the template.
 */
import type { CallContext, OperationGroup } from '../../context.ts';
import { AwsError } from '../../errors.ts';
import { ids } from '../../ids.ts';
import type { ArtifactRecord, ProductRecord } from '../../state.ts';
import { provisioningParametersOf } from '../cloudformation/parameters.ts';
import {
  type Template,
  parseTemplateText,
} from '../cloudformation/template.ts';
import { loadArtifactTemplate } from './templateSource.ts';

export {
  loadArtifactTemplate,
  s3Location,
  templateValidation,
} from './templateSource.ts';
import {
  artifactDetail,
  idempotent,
  invalid,
  launchPathFor,
  launchPortfolios,
  notFound,
} from './shared.ts';

/** AWS's quota of provisioning artifacts per product. */
const MAX_ARTIFACTS = 100;

function ownedProduct(ctx: CallContext, productId: string): ProductRecord {
  const product = ctx.state.products.get(productId);
  // A product shared with the caller is not its to change.
  if (!product || product.ownerAccountId !== ctx.caller.accountId) {
    throw notFound(`Product ${productId} not found.`);
  }
  return product;
}

/** A product the caller owns or may launch. */
function visibleProduct(ctx: CallContext, input: any): ProductRecord {
  const product = input.ProductId
    ? ctx.state.products.get(input.ProductId)
    : [...ctx.state.products.values()].find(p => p.name === input.ProductName);
  if (
    !product ||
    (product.ownerAccountId !== ctx.caller.accountId &&
      launchPortfolios(ctx, product.id).length === 0)
  ) {
    throw notFound(
      `Product ${input.ProductId ?? input.ProductName} not found.`,
    );
  }
  return product;
}

export function artifactOf(product: ProductRecord, input: any): ArtifactRecord {
  const artifact = product.artifacts.find(
    a =>
      a.id === input.ProvisioningArtifactId ||
      (!input.ProvisioningArtifactId &&
        a.name === input.ProvisioningArtifactName),
  );
  if (!artifact) {
    throw notFound(
      `Provisioning artifact ${
        input.ProvisioningArtifactId ?? input.ProvisioningArtifactName
      } not found for product ${product.id}.`,
    );
  }
  return artifact;
}

export function artifactTemplate(
  artifact: ArtifactRecord,
): Template | undefined {
  return artifact.templateBody === undefined
    ? undefined
    : parseTemplateText(artifact.templateBody);
}

export const artifactsOperations: OperationGroup = {
  mutations: new Set([
    'CreateProvisioningArtifact',
    'UpdateProvisioningArtifact',
    'DeleteProvisioningArtifact',
  ]),
  handlers: {
    CreateProvisioningArtifact: (ctx, input) => {
      const product = ownedProduct(ctx, input.ProductId);
      return idempotent(
        ctx.state,
        ctx.caller.accountId,
        'CreateProvisioningArtifact',
        input,
        () => {
          if (product.artifacts.length >= MAX_ARTIFACTS) {
            throw new AwsError(
              'LimitExceededException',
              `Product ${product.id} already has ${MAX_ARTIFACTS} provisioning artifacts, the quota.`,
            );
          }
          // A canned product may get template versions: each version
          // launches its own template, the canned ones their kind.
          const template = loadArtifactTemplate(ctx, input.Parameters);
          const artifact: ArtifactRecord = {
            id: ids.provisioningArtifact(),
            name: input.Parameters?.Name ?? `v${product.artifacts.length + 1}`,
            description: input.Parameters?.Description ?? '',
            active: true,
            guidance: 'DEFAULT',
            createdAt: new Date(),
            ...template,
          };
          product.artifacts.push(artifact);
          return {
            ProvisioningArtifactDetail: artifactDetail(artifact),
            Info: { TemplateUrl: artifact.templateUrl },
            Status: 'AVAILABLE',
          };
        },
      );
    },

    UpdateProvisioningArtifact: (ctx, input) => {
      const artifact = artifactOf(ownedProduct(ctx, input.ProductId), input);
      if (input.Name !== undefined) artifact.name = input.Name;
      if (input.Description !== undefined)
        artifact.description = input.Description;
      if (input.Active !== undefined) artifact.active = input.Active;
      if (input.Guidance !== undefined) artifact.guidance = input.Guidance;
      return {
        ProvisioningArtifactDetail: artifactDetail(artifact),
        Info: artifact.templateUrl ? { TemplateUrl: artifact.templateUrl } : {},
        Status: 'AVAILABLE',
      };
    },

    // AWS names the rules (never a shared product's, never the last) but not
    // their errors; the emulator answers from the operation's own list.
    DeleteProvisioningArtifact: (ctx, input) => {
      const product = ownedProduct(ctx, input.ProductId);
      const artifact = artifactOf(product, input);
      if (product.artifacts.length === 1) {
        throw invalid(
          `Provisioning artifact ${artifact.id} is the last of product ${product.id}: a product must have at least one.`,
        );
      }
      const launched = [...ctx.state.provisionedProducts.values()].filter(
        pp => pp.provisioningArtifactId === artifact.id,
      );
      if (launched.length > 0) {
        throw new AwsError(
          'ResourceInUseException',
          `Provisioning artifact ${
            artifact.id
          } is in use by provisioned products: ${launched
            .map(pp => pp.id)
            .join(', ')}.`,
        );
      }
      product.artifacts = product.artifacts.filter(a => a !== artifact);
      return {};
    },

    DescribeProvisioningArtifact: (ctx, input) => {
      const product = visibleProduct(ctx, input);
      const artifact = artifactOf(product, input);
      const template = artifactTemplate(artifact);
      return {
        ProvisioningArtifactDetail: artifactDetail(artifact),
        Info: artifact.templateUrl ? { TemplateUrl: artifact.templateUrl } : {},
        Status: 'AVAILABLE',
        ...(input.IncludeProvisioningArtifactParameters && template
          ? {
              ProvisioningArtifactParameters:
                provisioningParametersOf(template),
            }
          : {}),
      };
    },

    ListProvisioningArtifacts: (ctx, input) => ({
      ProvisioningArtifactDetails: visibleProduct(ctx, input).artifacts.map(
        artifactDetail,
      ),
    }),

    // The outputs of the last provisioning that succeeded.
    GetProvisionedProductOutputs: ({ state, caller }, input) => {
      const pp = [...state.provisionedProducts.values()].find(
        p =>
          p.accountId === caller.accountId &&
          (p.id === input.ProvisionedProductId ||
            p.name === input.ProvisionedProductName),
      );
      if (!pp) {
        throw notFound(
          `Provisioned product ${
            input.ProvisionedProductId ?? input.ProvisionedProductName
          } not found.`,
        );
      }
      const record = [...state.records.values()]
        .filter(
          r =>
            r.provisionedProductId === pp.id &&
            r.recordType !== 'TERMINATE_PROVISIONED_PRODUCT' &&
            r.status === 'SUCCEEDED',
        )
        .sort((a, b) => b.updatedTime.getTime() - a.updatedTime.getTime())[0];
      const keys: string[] | undefined = input.OutputKeys;
      return {
        Outputs: (record?.outputs ?? []).filter(
          o => !keys || keys.includes(o.OutputKey),
        ),
      };
    },

    DescribeProvisioningParameters: (ctx, input) => {
      const product = visibleProduct(ctx, input);
      launchPathFor(ctx, product.id, input);
      const template = artifactTemplate(artifactOf(product, input));
      return {
        ProvisioningArtifactParameters: template
          ? provisioningParametersOf(template)
          : [],
        ConstraintSummaries: [],
        UsageInstructions: [],
        TagOptions: [],
        ProvisioningArtifactPreferences: {},
        ProvisioningArtifactOutputKeys: Object.entries(
          template?.Outputs ?? {},
        ).map(([Key, o]) => ({
          Key,
          Description: o.Description,
        })),
      };
    },
  },
};
