/**
 * UpdateProvisionedProduct: a provisioned product moves to another version
 * of its product (or new parameters), asynchronously, as in AWS. The new
 * version's template runs as a launch's does (the LAUNCH constraint's role,
 * the organization's SCPs, that role's identity policies); a refused call
 * rolls the update back and leaves the product TAINTED on its old version.
 */
import { AwsError } from '../../errors.ts';
import type { CallContext, OperationGroup } from '../../context.ts';
import { ids } from '../../ids.ts';
import type {
  ProductRecord,
  ProvisionedProductRecord,
  RecordRecord,
} from '../../state.ts';
import { launchRoleFor } from './constraints.ts';
import {
  checkLaunchParameters,
  stackJudge,
  templateDefaults,
  updateTemplateStack,
} from './stacks.ts';
import {
  TOKEN,
  invalid,
  launchPathFor,
  notFound,
  recordDetail,
} from './shared.ts';

type ParameterInput = {
  Key?: string;
  Value?: string;
  UsePreviousValue?: boolean;
};

/**
 * The new parameters: UsePreviousValue takes the product's current value
 * (given at launch, or its version's default), as CloudFormation does.
 */
function resolveUpdateParameters(
  product: ProductRecord,
  pp: ProvisionedProductRecord,
  given: ParameterInput[],
) {
  const defaults = templateDefaults(product, pp.provisioningArtifactId);
  return given.map(p => {
    if (!p.Key) throw invalid('Each ProvisioningParameter needs a Key.');
    if (!p.UsePreviousValue) return { Key: p.Key, Value: p.Value ?? '' };
    if (p.Value !== undefined) {
      throw invalid(
        `Parameter ${p.Key}: give either Value or UsePreviousValue, not both.`,
      );
    }
    const previous =
      pp.parameters.find(q => q.Key === p.Key)?.Value ?? defaults[p.Key];
    if (previous === undefined) {
      throw invalid(
        `Parameter ${p.Key} has no previous value to use: the version provisioned product ${pp.id} runs has no such parameter.`,
      );
    }
    return { Key: p.Key, Value: previous };
  });
}

function findProvisionedProduct(ctx: CallContext, input: any) {
  if (input.ProvisionedProductId && input.ProvisionedProductName) {
    throw invalid(
      'Give ProvisionedProductId or ProvisionedProductName, not both.',
    );
  }
  if (!input.ProvisionedProductId && !input.ProvisionedProductName) {
    throw invalid(
      'ProvisionedProductId or ProvisionedProductName is required.',
    );
  }
  const pp = [...ctx.state.provisionedProducts.values()].find(
    p =>
      p.accountId === ctx.caller.accountId &&
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
  return pp;
}

function productOf(ctx: CallContext, pp: ProvisionedProductRecord, input: any) {
  const product = ctx.state.products.get(pp.productId);
  if (!product) throw notFound(`Product ${pp.productId} not found.`);
  if (
    (input.ProductId && input.ProductId !== product.id) ||
    (input.ProductName && input.ProductName !== product.name)
  ) {
    throw invalid(
      `Provisioned product ${pp.id} was launched from product ${product.id}: an update keeps its product; give that product or none.`,
    );
  }
  return product;
}

function artifactOf(
  product: ProductRecord,
  pp: ProvisionedProductRecord,
  input: any,
) {
  const wanted = input.ProvisioningArtifactId ?? input.ProvisioningArtifactName;
  const artifact = wanted
    ? product.artifacts.find(
        a =>
          a.id === input.ProvisioningArtifactId ||
          a.name === input.ProvisioningArtifactName,
      )
    : product.artifacts.find(a => a.id === pp.provisioningArtifactId);
  if (!artifact) {
    throw notFound(`Provisioning artifact ${wanted} not found.`);
  }
  // A deprecated version may still be updated to; an inactive one may not.
  if (!artifact.active) {
    throw invalid(
      `Provisioning artifact ${artifact.id} of product ${product.id} is inactive: provisioned products cannot be updated to it.`,
    );
  }
  return artifact;
}

/** A product with no template keeps what it made; its version and parameters change. */
function finishUntemplatedUpdate(
  ctx: CallContext,
  pp: ProvisionedProductRecord,
  record: RecordRecord,
  parameters: Array<{ Key: string; Value: string }>,
) {
  const last = ctx.state.records.get(
    [...ctx.state.records.values()]
      .filter(
        r =>
          r.provisionedProductId === pp.id &&
          r.status === 'SUCCEEDED' &&
          r.id !== record.id,
      )
      .sort((a, b) => b.updatedTime.getTime() - a.updatedTime.getTime())[0]
      ?.id ?? '',
  );
  record.outputs = last?.outputs ?? [];
  record.status = 'SUCCEEDED';
  record.updatedTime = new Date();
  pp.provisioningArtifactId = record.provisioningArtifactId;
  pp.parameters = parameters;
  pp.status = 'AVAILABLE';
}

export const updatingOperations: OperationGroup = {
  mutations: new Set(['UpdateProvisionedProduct']),
  handlers: {
    UpdateProvisionedProduct: (ctx, input) => {
      const { state, caller, config, region } = ctx;
      if (!input.UpdateToken || !TOKEN.test(input.UpdateToken)) {
        throw invalid(
          'UpdateToken is required: 1 to 128 letters, digits, _ and -.',
        );
      }
      const earlier = [...state.records.values()].find(
        r =>
          r.accountId === caller.accountId &&
          r.recordType === 'UPDATE_PROVISIONED_PRODUCT' &&
          r.updateToken === input.UpdateToken,
      );
      if (earlier) return { RecordDetail: recordDetail(earlier) };
      const pp = findProvisionedProduct(ctx, input);
      if (pp.status !== 'AVAILABLE' && pp.status !== 'TAINTED') {
        throw new AwsError(
          'InvalidStateException',
          `Provisioned product ${pp.id} is ${pp.status}: it can be updated once it is AVAILABLE or TAINTED.`,
        );
      }
      const product = productOf(ctx, pp, input);
      const path = launchPathFor(ctx, product.id, input);
      const artifact = artifactOf(product, pp, input);
      const tags: Array<{ Key: string; Value: string }> | undefined =
        input.Tags;
      if (tags && JSON.stringify(tags) !== JSON.stringify(pp.tags)) {
        // AWS lets tags change only under a RESOURCE_UPDATE constraint
        // allowing it, which the emulator does not model.
        throw invalid(
          `The tags of provisioned product ${pp.id} cannot be changed: its product has no RESOURCE_UPDATE constraint with TagUpdatesOnProvisionedProduct ALLOWED. Give its current tags or none.`,
        );
      }
      const parameters = resolveUpdateParameters(
        product,
        pp,
        input.ProvisioningParameters ?? [],
      );
      const templated = artifact.templateBody !== undefined;
      if (templated) checkLaunchParameters(product, artifact.id, parameters);
      const launchRoleArn = launchRoleFor(ctx, path.id, product.id);
      const now = new Date();
      const record: RecordRecord = {
        id: ids.record(),
        accountId: caller.accountId,
        provisionedProductId: pp.id,
        provisionedProductName: pp.name,
        productId: product.id,
        provisioningArtifactId: artifact.id,
        pathId: path.id,
        recordType: 'UPDATE_PROVISIONED_PRODUCT',
        updateToken: input.UpdateToken,
        status: 'CREATED',
        createdTime: now,
        updatedTime: now,
        errors: [],
        outputs: [],
        tags: pp.tags,
        launchRoleArn,
      };
      state.records.set(record.id, record);
      pp.status = 'UNDER_CHANGE';
      pp.lastRecordId = record.id;
      const judge = stackJudge(ctx, launchRoleArn);
      state.later(config.asyncDelayMs / 2, () => {
        record.status = 'IN_PROGRESS';
        record.updatedTime = new Date();
      });
      state.later(config.asyncDelayMs, () =>
        templated
          ? updateTemplateStack(
              state,
              region,
              product,
              pp,
              record,
              parameters,
              judge,
            )
          : finishUntemplatedUpdate(ctx, pp, record, parameters),
      );
      return { RecordDetail: recordDetail(record) };
    },
  },
};
