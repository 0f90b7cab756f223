/** Provisioned products and their records. */
import { AwsError } from '../../errors.ts';
import { paginate, type OperationGroup } from '../../context.ts';
import { ids } from '../../ids.ts';
import type { RecordRecord } from '../../state.ts';
import { domainInUse } from '../sagemaker/index.ts';
import { launchRoleFor } from './constraints.ts';
import { stackCallsJudgment } from './stackCalls.ts';
import {
  checkLaunchParameters,
  stackJudge,
  terminateTemplateStack,
} from './stacks.ts';
import {
  PROVISIONED_PRODUCT_NAME,
  TOKEN,
  invalid,
  notFound,
  launchPathFor,
  recordDetail,
  provisionedProductDetail,
  provisionProduct,
  matchesSearch,
} from './shared.ts';

export const provisioningOperations: OperationGroup = {
  mutations: new Set(['ProvisionProduct', 'TerminateProvisionedProduct']),
  handlers: {
    ProvisionProduct: async (ctx, input) => {
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
      const path = launchPathFor(ctx, product.id, input);
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
      if (!artifact.active || artifact.guidance === 'DEPRECATED') {
        throw invalid(
          `Provisioning artifact ${artifact.id} of product ${product.id} is ${
            artifact.active ? 'deprecated' : 'inactive'
          }: new provisioned products cannot be launched from it; use the product's current version.`,
        );
      }
      const parameters = input.ProvisioningParameters ?? [];
      const templated = artifact.templateBody !== undefined;
      if (templated) checkLaunchParameters(product, artifact.id, parameters);
      const launchRoleArn = launchRoleFor(ctx, path.id, product.id);
      const record = provisionProduct(ctx, {
        product,
        artifactId: artifact.id,
        pathId: path.id,
        name: input.ProvisionedProductName,
        token: input.ProvisionToken,
        parameters,
        tags,
        stackCalls: templated
          ? undefined
          : await stackCallsJudgment(
              ctx,
              product,
              input.ProvisionedProductName,
              parameters,
              tags,
            ),
        judge: templated ? stackJudge(ctx, launchRoleArn) : undefined,
      });
      record.launchRoleArn = launchRoleArn;
      return { RecordDetail: recordDetail(record) };
    },

    /**
     * Asynchronous, as in AWS: a TERMINATE_PROVISIONED_PRODUCT record at
     * once; after the emulator's delay the provisioned product and what it
     * made (a Studio domain) are gone, unless the domain still holds user
     * profiles (SageMaker refuses to delete it: the record fails). The same
     * TerminateToken answers the same record.
     */
    TerminateProvisionedProduct: (ctx, input) => {
      const { state, caller, config } = ctx;
      if (!input.TerminateToken || !TOKEN.test(input.TerminateToken)) {
        throw invalid(
          'TerminateToken is required: 1 to 128 letters, digits, _ and -.',
        );
      }
      const earlier = [...state.records.values()].find(
        r =>
          r.accountId === caller.accountId &&
          r.recordType === 'TERMINATE_PROVISIONED_PRODUCT' &&
          r.terminateToken === input.TerminateToken,
      );
      if (earlier) return { RecordDetail: recordDetail(earlier) };
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
      const now = new Date();
      const record: RecordRecord = {
        id: ids.record(),
        accountId: caller.accountId,
        provisionedProductId: pp.id,
        provisionedProductName: pp.name,
        productId: pp.productId,
        provisioningArtifactId: pp.provisioningArtifactId,
        pathId: state.records.get(pp.lastRecordId)?.pathId ?? '',
        recordType: 'TERMINATE_PROVISIONED_PRODUCT',
        terminateToken: input.TerminateToken,
        status: 'CREATED',
        createdTime: now,
        updatedTime: now,
        errors: [],
        outputs: [],
        tags: pp.tags,
      };
      state.records.set(record.id, record);
      pp.status = 'UNDER_CHANGE';
      pp.lastRecordId = record.id;
      state.later(config.asyncDelayMs, () => {
        if (terminateTemplateStack(state, pp, record)) return;
        const domainId = state.records
          .get(
            [...state.records.values()].find(
              r =>
                r.provisionedProductId === pp.id &&
                r.recordType === 'PROVISION_PRODUCT',
            )?.id ?? '',
          )
          ?.outputs.find(o => o.OutputKey === 'DomainId')?.OutputValue;
        // The stack deletes the domain as DeleteDomain would: refused while
        // user profiles the stack did not make are in it, and then the
        // termination fails and the product stays.
        const inUse = domainId && domainInUse(state, domainId);
        record.updatedTime = new Date();
        if (inUse) {
          record.status = 'FAILED';
          record.errors = [{ Code: 'ResourceInUse', Description: inUse }];
          pp.status = 'ERROR';
          return;
        }
        if (domainId) state.domains.delete(domainId);
        state.provisionedProducts.delete(pp.id);
        record.status = 'SUCCEEDED';
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
        items.map(pp => ({
          ...provisionedProductDetail(pp, state),
          Tags: pp.tags,
        })),
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
        ProvisionedProductDetail: provisionedProductDetail(pp, state),
        CloudWatchDashboards: [],
      };
    },
  },
};
