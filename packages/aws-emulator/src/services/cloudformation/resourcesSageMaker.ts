// SageMaker's resource types: Studio domains and user profiles, model
// package groups and Pipelines, created as their Create calls would.
import { AwsError } from '../../errors.ts';
import { readObject } from '../s3/index.ts';
import {
  createDomain,
  createUserProfile,
  domainInUse,
  domainSettingsOf,
} from '../sagemaker/index.ts';
import { domainOf, profileKey } from '../sagemaker/domains.ts';
import {
  createModelPackageGroup,
  createSageMakerPipeline,
} from '../sagemaker/registry.ts';
import {
  type ResourceType,
  policyText,
  tagMap,
  tagsFor,
} from './resourceHelpers.ts';

const DOMAIN: ResourceType = {
  serviceName: 'SageMaker',
  properties: [
    'DomainName',
    'AuthMode',
    'DefaultUserSettings',
    'SubnetIds',
    'VpcId',
    'AppNetworkAccessType',
    'KmsKeyId',
    'Tags',
    'DomainSettings',
    'DefaultSpaceSettings',
    'AppSecurityGroupManagement',
    'TagPropagation',
  ],
  required: [
    'DomainName',
    'AuthMode',
    'DefaultUserSettings',
    'SubnetIds',
    'VpcId',
  ],
  call: (props, env) => ({
    service: 'sagemaker',
    operation: 'CreateDomain',
    input: { ...props, Tags: tagsFor(env, props.Tags) },
  }),
  create: (props, env) => {
    const { state, accountId, region } = env;
    if (
      [...state.domains.values()].some(
        d => d.accountId === accountId && d.name === props.DomainName,
      )
    ) {
      throw new AwsError(
        'ResourceInUse',
        `Domain ${props.DomainName} already exists.`,
      );
    }
    const domain = createDomain(state, accountId, region, {
      name: props.DomainName,
      authMode: props.AuthMode,
      tags: tagMap(tagsFor(env, props.Tags)),
      settings: domainSettingsOf(props),
    });
    return {
      ref: domain.id,
      attributes: {
        DomainId: domain.id,
        DomainArn: domain.arn,
        Url: domain.url,
        HomeEfsFileSystemId: `fs-${domain.id.slice(2, 10)}`,
        SecurityGroupIdForDomainBoundary: `sg-${domain.id.slice(2)}`,
      },
      // As DeleteDomain: refused while it holds user profiles or spaces.
      remove: () => {
        const inUse = domainInUse(state, domain.id);
        if (inUse) return inUse;
        state.domains.delete(domain.id);
        return undefined;
      },
    };
  },
};

const USER_PROFILE: ResourceType = {
  serviceName: 'SageMaker',
  properties: [
    'DomainId',
    'UserProfileName',
    'UserSettings',
    'Tags',
    'SingleSignOnUserIdentifier',
    'SingleSignOnUserValue',
  ],
  required: ['DomainId', 'UserProfileName'],
  call: (props, env) => ({
    service: 'sagemaker',
    operation: 'CreateUserProfile',
    input: { ...props, Tags: tagsFor(env, props.Tags) },
  }),
  create: (props, env) => {
    const { state } = env;
    const domain = domainOf(state, env.accountId, props.DomainId);
    const profile = createUserProfile(
      state,
      domain,
      props.UserProfileName,
      tagMap(tagsFor(env, props.Tags)),
    );
    profile.userSettings = props.UserSettings;
    return {
      ref: profile.arn,
      attributes: { UserProfileArn: profile.arn },
      remove: () => {
        state.userProfiles.delete(profileKey(domain.id, profile.name));
        return undefined;
      },
    };
  },
};

const MODEL_PACKAGE_GROUP: ResourceType = {
  serviceName: 'SageMaker',
  properties: [
    'ModelPackageGroupName',
    'ModelPackageGroupDescription',
    'ModelPackageGroupPolicy',
    'Tags',
  ],
  required: ['ModelPackageGroupName'],
  call: (props, env) => ({
    service: 'sagemaker',
    operation: 'CreateModelPackageGroup',
    input: {
      ModelPackageGroupName: props.ModelPackageGroupName,
      ModelPackageGroupDescription: props.ModelPackageGroupDescription,
      Tags: tagsFor(env, props.Tags),
    },
  }),
  create: (props, env) => {
    const group = createModelPackageGroup(
      env.state,
      env.accountId,
      env.region,
      {
        name: props.ModelPackageGroupName,
        description: props.ModelPackageGroupDescription,
        resourcePolicy:
          props.ModelPackageGroupPolicy === undefined
            ? undefined
            : policyText(props.ModelPackageGroupPolicy),
        tags: tagMap(tagsFor(env, props.Tags)),
      },
    );
    return {
      ref: group.arn,
      attributes: {
        ModelPackageGroupArn: group.arn,
        CreationTime: group.createdAt.toISOString(),
        ModelPackageGroupStatus: 'Completed',
      },
      remove: () => {
        env.state.modelPackageGroups.delete(group.arn);
        return undefined;
      },
    };
  },
};

/** The pipeline definition: inline, or an object in the emulator's S3. */
function definitionOf(
  props: any,
  env: Parameters<ResourceType['create']>[1],
): string {
  const definition = props.PipelineDefinition ?? {};
  if (definition.PipelineDefinitionBody !== undefined)
    return policyText(definition.PipelineDefinitionBody);
  const location = definition.PipelineDefinitionS3Location;
  if (location?.Bucket && location?.Key) {
    return readObject(env.state, env.accountId, location.Bucket, location.Key)
      .body;
  }
  throw new AwsError(
    'ValidationException',
    'PipelineDefinition needs PipelineDefinitionBody or PipelineDefinitionS3Location.',
  );
}

const PIPELINE: ResourceType = {
  serviceName: 'SageMaker',
  properties: [
    'PipelineName',
    'PipelineDefinition',
    'RoleArn',
    'PipelineDisplayName',
    'PipelineDescription',
    'ParallelismConfiguration',
    'Tags',
  ],
  required: ['PipelineName', 'PipelineDefinition', 'RoleArn'],
  call: (props, env) => ({
    service: 'sagemaker',
    operation: 'CreatePipeline',
    input: {
      PipelineName: props.PipelineName,
      RoleArn: props.RoleArn,
      Tags: tagsFor(env, props.Tags),
    },
  }),
  create: (props, env) => {
    const pipeline = createSageMakerPipeline(
      env.state,
      env.accountId,
      env.region,
      {
        name: props.PipelineName,
        displayName: props.PipelineDisplayName,
        description: props.PipelineDescription,
        definition: definitionOf(props, env),
        roleArn: props.RoleArn,
        tags: tagMap(tagsFor(env, props.Tags)),
      },
    );
    return {
      ref: pipeline.name,
      attributes: {},
      remove: () => {
        env.state.sageMakerPipelines.delete(pipeline.arn);
        return undefined;
      },
    };
  },
};

export const SAGEMAKER_TYPES: Record<string, ResourceType> = {
  'AWS::SageMaker::Domain': DOMAIN,
  'AWS::SageMaker::UserProfile': USER_PROFILE,
  'AWS::SageMaker::ModelPackageGroup': MODEL_PACKAGE_GROUP,
  'AWS::SageMaker::Pipeline': PIPELINE,
};
