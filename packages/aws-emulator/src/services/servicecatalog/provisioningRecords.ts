/**
 * Service Catalog's provisioned products and records, split out of
 * shared.ts: their AWS shapes, what provisioning creates and outputs, the
 * provisioning lifecycle and the search filter.
 */
import type { CallContext } from '../../context.ts';
import type { AwsError } from '../../errors.ts';
import { ids } from '../../ids.ts';
import {
  createDomain,
  createUserProfile,
  domainSettingsOf,
} from '../sagemaker/index.ts';
import { stackFailure, studioDomainRequest } from './stackCalls.ts';
import { type StackJudge, launchTemplateStack } from './stacks.ts';
import type {
  EmulatorState,
  ProductRecord,
  ProvisionedProductRecord,
  RecordRecord,
} from '../../state.ts';

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
    LaunchRoleArn: record.launchRoleArn,
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
    const request = studioDomainRequest(
      accountId,
      region,
      pp.name,
      parameters,
      pp.tags,
    );
    const domain = createDomain(state, accountId, region, {
      name: request.DomainName,
      authMode: 'IAM',
      tags: Object.fromEntries(pp.tags.map(t => [t.Key, t.Value])),
      settings: domainSettingsOf(request),
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
  /** The stack's calls as the SCPs judge them when it runs (stackCalls.ts). */
  stackCalls?: () => AwsError | undefined;
  /** A template-backed product's judge of each create call (stacks.ts). */
  judge?: StackJudge;
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
  stackCalls?: () => AwsError | undefined,
  judge?: StackJudge,
): void {
  const artifact = product.artifacts.find(
    a => a.id === pp.provisioningArtifactId,
  );
  if (artifact?.templateBody !== undefined) {
    // Completes at once without a judge (seeds), else once each call is judged.
    void launchTemplateStack(state, region, product, pp, record, judge);
    return;
  }
  const refusal = stackCalls?.();
  if (refusal) {
    // CloudFormation rolls the stack back; the product stays, in error.
    record.status = 'FAILED';
    record.errors = [stackFailure('StudioDomain', refusal)];
    record.updatedTime = new Date();
    pp.status = 'ERROR';
    return;
  }
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
    finishProvisioning(
      state,
      region,
      input.product,
      pp,
      record,
      input.stackCalls,
      input.judge,
    ),
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
