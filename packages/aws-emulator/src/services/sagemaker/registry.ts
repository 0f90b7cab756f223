// SageMaker's model registry (model package groups) and Pipelines, as
// products' stacks create them; read back with their Describe and List
// calls. No model package is registered and no pipeline runs.
import { AwsError } from '../../errors.ts';
import type { Handlers } from '../../context.ts';
import type { EmulatorState, Tags } from '../../state.ts';
import type {
  ModelPackageGroupRecord,
  SageMakerPipelineRecord,
} from '../../stateResources.ts';
import { notFound, validation } from './domains.ts';

const ENTITY_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

export function createModelPackageGroup(
  state: EmulatorState,
  accountId: string,
  region: string,
  fields: {
    name: string;
    description?: string;
    resourcePolicy?: string;
    tags?: Tags;
  },
): ModelPackageGroupRecord {
  if (!ENTITY_NAME.test(fields.name)) {
    throw validation(
      `ModelPackageGroupName '${fields.name}' must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$.`,
    );
  }
  const arn = `arn:aws:sagemaker:${region}:${accountId}:model-package-group/${fields.name.toLowerCase()}`;
  if (state.modelPackageGroups.has(arn)) {
    throw validation(`Model Package Group already exists: ${arn}`);
  }
  const group: ModelPackageGroupRecord = {
    name: fields.name,
    arn,
    accountId,
    description: fields.description,
    resourcePolicy: fields.resourcePolicy,
    tags: { ...fields.tags },
    createdAt: new Date(),
  };
  state.modelPackageGroups.set(arn, group);
  return group;
}

export function createSageMakerPipeline(
  state: EmulatorState,
  accountId: string,
  region: string,
  fields: {
    name: string;
    displayName?: string;
    description?: string;
    definition: string;
    roleArn: string;
    tags?: Tags;
  },
): SageMakerPipelineRecord {
  if (!/^[A-Za-z0-9-]{1,256}$/.test(fields.name)) {
    throw validation(
      `PipelineName '${fields.name}' must be 1 to 256 letters, digits or hyphens.`,
    );
  }
  const arn = `arn:aws:sagemaker:${region}:${accountId}:pipeline/${fields.name.toLowerCase()}`;
  if (state.sageMakerPipelines.has(arn)) {
    throw new AwsError('ResourceInUse', `Pipeline ${arn} already exists.`);
  }
  try {
    JSON.parse(fields.definition);
  } catch {
    throw validation('PipelineDefinition must be a JSON document.');
  }
  const pipeline: SageMakerPipelineRecord = {
    name: fields.name,
    arn,
    accountId,
    displayName: fields.displayName ?? fields.name,
    description: fields.description,
    definition: fields.definition,
    roleArn: fields.roleArn,
    tags: { ...fields.tags },
    createdAt: new Date(),
  };
  state.sageMakerPipelines.set(arn, pipeline);
  return pipeline;
}

function groupOf(state: EmulatorState, accountId: string, name: string) {
  const group = [...state.modelPackageGroups.values()].find(
    g => g.accountId === accountId && (g.name === name || g.arn === name),
  );
  if (!group) throw validation(`ModelPackageGroup ${name} does not exist.`);
  return group;
}

export function sageMakerRegistryHandlers(): Handlers {
  return {
    DescribeModelPackageGroup: ({ state, caller }, input) => {
      const g = groupOf(state, caller.accountId, input.ModelPackageGroupName);
      return {
        ModelPackageGroupName: g.name,
        ModelPackageGroupArn: g.arn,
        ModelPackageGroupDescription: g.description,
        CreationTime: g.createdAt,
        CreatedBy: {},
        ModelPackageGroupStatus: 'Completed',
      };
    },
    GetModelPackageGroupPolicy: ({ state, caller }, input) => {
      const g = groupOf(state, caller.accountId, input.ModelPackageGroupName);
      if (!g.resourcePolicy) {
        throw validation(`ModelPackageGroup ${g.name} has no resource policy.`);
      }
      return { ResourcePolicy: g.resourcePolicy };
    },
    ListModelPackageGroups: ({ state, caller }, input) => ({
      ModelPackageGroupSummaryList: [...state.modelPackageGroups.values()]
        .filter(
          g =>
            g.accountId === caller.accountId &&
            (!input.NameContains || g.name.includes(input.NameContains)),
        )
        .map(g => ({
          ModelPackageGroupName: g.name,
          ModelPackageGroupArn: g.arn,
          ModelPackageGroupDescription: g.description,
          CreationTime: g.createdAt,
          ModelPackageGroupStatus: 'Completed',
        })),
    }),
    DescribePipeline: ({ state, caller }, input) => {
      const p = [...state.sageMakerPipelines.values()].find(
        x =>
          x.accountId === caller.accountId &&
          (x.name === input.PipelineName || x.arn === input.PipelineName),
      );
      if (!p) throw notFound(`Pipeline ${input.PipelineName} does not exist.`);
      return {
        PipelineArn: p.arn,
        PipelineName: p.name,
        PipelineDisplayName: p.displayName,
        PipelineDescription: p.description,
        PipelineDefinition: p.definition,
        RoleArn: p.roleArn,
        PipelineStatus: 'Active',
        CreationTime: p.createdAt,
        LastModifiedTime: p.createdAt,
      };
    },
  };
}
