// S3, KMS and CodePipeline resource types: buckets and their policies, keys
// and aliases, and pipelines as GetPipeline reads them back.
import { AwsError } from '../../errors.ts';
import { createCodePipeline } from '../codepipeline/index.ts';
import { createKmsAlias, createKmsKey } from '../kms/index.ts';
import { createBucket, ownBucket } from '../s3/index.ts';
import {
  type ResourceType,
  generatedName,
  policyText,
  tagMap,
  tagsFor,
} from './resourceHelpers.ts';

const BUCKET_CONFIGURATION = [
  'BucketEncryption',
  'PublicAccessBlockConfiguration',
  'VersioningConfiguration',
  'LifecycleConfiguration',
  'LoggingConfiguration',
  'OwnershipControls',
  'CorsConfiguration',
  'ObjectLockEnabled',
  'AccessControl',
];

const BUCKET: ResourceType = {
  serviceName: 'S3',
  properties: ['BucketName', 'Tags', ...BUCKET_CONFIGURATION],
  required: [],
  call: (props, env) => ({
    service: 's3',
    operation: 'CreateBucket',
    input: {
      Bucket: props.BucketName,
      ACL: props.AccessControl,
      Tags: tagsFor(env, props.Tags),
    },
  }),
  create: (props, env, logicalId) => {
    const name: string =
      props.BucketName ?? generatedName(env, logicalId, 63, true);
    const bucket = createBucket(
      env.state,
      env.accountId,
      env.region,
      name,
      tagMap(tagsFor(env, props.Tags)),
    );
    bucket.configuration = Object.fromEntries(
      BUCKET_CONFIGURATION.filter(k => k in props).map(k => [k, props[k]]),
    );
    return {
      ref: name,
      attributes: {
        Arn: `arn:aws:s3:::${name}`,
        DomainName: `${name}.s3.amazonaws.com`,
        RegionalDomainName: `${name}.s3.${env.region}.amazonaws.com`,
        DualStackDomainName: `${name}.s3.dualstack.${env.region}.amazonaws.com`,
        WebsiteURL: `http://${name}.s3-website-${env.region}.amazonaws.com`,
      },
      // As DeleteBucket: a bucket holding objects is not deleted.
      remove: () => {
        if (bucket.objects.size > 0)
          return 'The bucket you tried to delete is not empty (Service: S3, Status Code: 409, Error Code: BucketNotEmpty)';
        env.state.buckets.delete(name);
        return undefined;
      },
    };
  },
};

const BUCKET_POLICY: ResourceType = {
  serviceName: 'S3',
  properties: ['Bucket', 'PolicyDocument'],
  required: ['Bucket', 'PolicyDocument'],
  call: props => ({
    service: 's3',
    operation: 'PutBucketPolicy',
    input: { Bucket: props.Bucket, Policy: policyText(props.PolicyDocument) },
  }),
  create: (props, env) => {
    const bucket = ownBucket(env.state, env.accountId, props.Bucket);
    bucket.policy = policyText(props.PolicyDocument);
    return {
      ref: bucket.name,
      attributes: {},
      remove: () => {
        bucket.policy = undefined;
        return undefined;
      },
    };
  },
};

const KEY: ResourceType = {
  serviceName: 'KMS',
  properties: [
    'Description',
    'Enabled',
    'EnableKeyRotation',
    'KeyPolicy',
    'KeySpec',
    'KeyUsage',
    'PendingWindowInDays',
    'MultiRegion',
    'RotationPeriodInDays',
    'Tags',
  ],
  required: [],
  call: (props, env) => ({
    service: 'kms',
    operation: 'CreateKey',
    input: {
      Description: props.Description,
      KeySpec: props.KeySpec,
      KeyUsage: props.KeyUsage,
      Policy:
        props.KeyPolicy === undefined ? undefined : policyText(props.KeyPolicy),
      Tags: tagsFor(env, props.Tags),
    },
  }),
  create: (props, env) => {
    const key = createKmsKey(env.state, env.accountId, env.region, {
      description: props.Description,
      keySpec: props.KeySpec,
      keyUsage: props.KeyUsage,
      policy:
        props.KeyPolicy === undefined ? undefined : policyText(props.KeyPolicy),
      enabled:
        props.Enabled === undefined ? true : String(props.Enabled) === 'true',
    });
    return {
      ref: key.keyId,
      attributes: { Arn: key.arn, KeyId: key.keyId },
      remove: () => {
        env.state.kmsKeys.delete(key.keyId);
        return undefined;
      },
    };
  },
};

const ALIAS: ResourceType = {
  serviceName: 'KMS',
  properties: ['AliasName', 'TargetKeyId'],
  required: ['AliasName', 'TargetKeyId'],
  call: props => ({
    service: 'kms',
    operation: 'CreateAlias',
    input: { AliasName: props.AliasName, TargetKeyId: props.TargetKeyId },
  }),
  create: (props, env) => {
    const alias = createKmsAlias(
      env.state,
      env.accountId,
      env.region,
      props.AliasName,
      props.TargetKeyId,
    );
    return {
      ref: alias.name,
      attributes: {},
      remove: () => {
        env.state.kmsAliases.delete(
          `${env.accountId}/${env.region}/${alias.name}`,
        );
        return undefined;
      },
    };
  },
};

/** CloudFormation's property names as the API's (`Stages` → `stages`); action configurations keep theirs. */
function apiCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(apiCase);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k.charAt(0).toLowerCase() + k.slice(1),
        k === 'Configuration' ? v : apiCase(v),
      ]),
    );
  }
  return value;
}

function pipelineStructureProblem(stages: any[]): string | undefined {
  if (!Array.isArray(stages) || stages.length < 2)
    return 'Pipeline has fewer than two stages; a pipeline needs a source stage and at least one more.';
  const sources = (stage: any) =>
    (stage.Actions ?? []).filter(
      (a: any) => a.ActionTypeId?.Category === 'Source',
    );
  if (
    sources(stages[0]).length !== (stages[0].Actions ?? []).length ||
    sources(stages[0]).length === 0
  ) {
    return `The first stage (${stages[0].Name}) must contain only source actions.`;
  }
  const late = stages.slice(1).find(s => sources(s).length > 0);
  return late
    ? `Stage ${late.Name} holds a source action: only the first stage may.`
    : undefined;
}

const CODE_PIPELINE: ResourceType = {
  serviceName: 'CodePipeline',
  properties: [
    'Name',
    'RoleArn',
    'Stages',
    'ArtifactStore',
    'ArtifactStores',
    'PipelineType',
    'ExecutionMode',
    'Variables',
    'Triggers',
    'RestartExecutionOnUpdate',
    'DisableInboundStageTransitions',
    'Tags',
  ],
  required: ['RoleArn', 'Stages'],
  call: (props, env, logicalId) => ({
    service: 'codepipeline',
    operation: 'CreatePipeline',
    input: {
      pipeline: { name: props.Name ?? logicalId, roleArn: props.RoleArn },
      Tags: tagsFor(env, props.Tags),
    },
  }),
  create: (props, env, logicalId) => {
    const problem = pipelineStructureProblem(props.Stages);
    if (problem) throw new AwsError('InvalidStructureException', problem);
    if (!props.ArtifactStore === !props.ArtifactStores) {
      throw new AwsError(
        'InvalidStructureException',
        'A pipeline needs exactly one of ArtifactStore and ArtifactStores.',
      );
    }
    const name: string = props.Name ?? generatedName(env, logicalId, 100);
    const pipeline = createCodePipeline(env.state, env.accountId, env.region, {
      name,
      roleArn: props.RoleArn,
      ...(apiCase({
        ArtifactStore: props.ArtifactStore,
        ArtifactStores: props.ArtifactStores,
        Stages: props.Stages,
        PipelineType: props.PipelineType,
        ExecutionMode: props.ExecutionMode,
        Variables: props.Variables,
        Triggers: props.Triggers,
      }) as Record<string, unknown>),
    });
    return {
      ref: name,
      attributes: { Version: String(pipeline.version) },
      remove: () => {
        env.state.codePipelines.delete(pipeline.arn);
        return undefined;
      },
    };
  },
};

export const STORAGE_TYPES: Record<string, ResourceType> = {
  'AWS::S3::Bucket': BUCKET,
  'AWS::S3::BucketPolicy': BUCKET_POLICY,
  'AWS::KMS::Key': KEY,
  'AWS::KMS::Alias': ALIAS,
  'AWS::CodePipeline::Pipeline': CODE_PIPELINE,
};
