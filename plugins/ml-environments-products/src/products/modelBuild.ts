import { Fn, aws_iam as iam, aws_sagemaker as sagemaker } from 'aws-cdk-lib';
import {
  type ProductParameter,
  type ProductScope,
  accountParameter,
  acknowledgeWildcards,
  outputs,
  tagParameters,
} from './common.ts';
import { modelBuildDefinition } from './modelBuildDefinition.ts';
import { rolePolicy, roleTrusting } from './roles.ts';
import {
  artifactOutputs,
  crossAccountArtifacts,
  objectsOf,
} from './storage.ts';

export const modelBuildParameters = (): ProductParameter[] => [
  ...tagParameters(['mlops'], ['dev']),
  {
    name: 'ModelPackageGroupArn',
    type: 'String',
    description:
      "The project's model package group in Team Shared Services (ml-model-registry output ModelPackageGroupArn)",
    allowedPattern:
      '^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\\d{12}:model-package-group/[a-zA-Z0-9-]{1,63}$',
  },
  accountParameter(
    'PreprodAccountId',
    "The project's preprod account, whose endpoints read the models",
  ),
  accountParameter(
    'ProdAccountId',
    "The project's prod account, whose endpoints read the models",
  ),
  {
    name: 'SubnetIds',
    type: 'List<AWS::EC2::Subnet::Id>',
    description: 'Private subnets the jobs run in (the require-vpc guardrail)',
    source: 'network',
  },
  {
    name: 'SecurityGroupIds',
    type: 'List<AWS::EC2::SecurityGroup::Id>',
    description: 'Security groups of the jobs',
    source: 'network',
  },
  {
    name: 'ProcessingImageUri',
    type: 'String',
    description: 'Container image of the processing step',
    default:
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
  },
  {
    name: 'TrainingImageUri',
    type: 'String',
    description:
      'Container image of the training step and the registered model',
    default:
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
  },
  {
    name: 'InstanceType',
    type: 'String',
    description: 'Instance type of the jobs (within allowed-instance-types)',
    default: 'ml.m5.large',
    allowedValues: ['ml.m5.large', 'ml.m5.xlarge'],
  },
];

const ARN = (service: string) =>
  `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}`;

/**
 * The dev account's SageMaker model-build pipeline: process, train, register
 * into the shared registry. Every job it starts carries what the Workloads
 * guardrails ask: VPC, customer KMS keys, encrypted inter-container traffic,
 * cost tags.
 */
export function defineModelBuild({ stack, param }: ProductScope): void {
  const readers = ['PreprodAccountId', 'ProdAccountId'].map(a =>
    Fn.sub(`arn:\${AWS::Partition}:iam::\${${a}}:root`),
  );
  const { key, bucket } = crossAccountArtifacts(stack, {
    keyDescription:
      'Encrypts the model-build data, jobs volumes and model artifacts',
    readers,
    sids: { decrypt: 'EndpointsDecryptModels', read: 'EndpointsReadModels' },
    readActions: 's3:GetObject',
    readable: b =>
      Fn.join('', [b.attrArn, '/', Fn.ref('ProjectName'), '/models/*']),
  });
  const executionRole = roleTrusting(
    stack,
    'PipelineExecutionRole',
    { Service: 'sagemaker.amazonaws.com' },
    { description: 'Runs the model-build pipeline and its jobs' },
  );
  const policy = rolePolicy(
    stack,
    'PipelineExecutionPolicy',
    executionRole,
    'model-build',
    [
      new iam.PolicyStatement({
        sid: 'ProjectJobs',
        actions: [
          'sagemaker:CreateProcessingJob',
          'sagemaker:DescribeProcessingJob',
          'sagemaker:StopProcessingJob',
          'sagemaker:CreateTrainingJob',
          'sagemaker:DescribeTrainingJob',
          'sagemaker:StopTrainingJob',
          'sagemaker:AddTags',
        ],
        resources: [
          Fn.sub(`${ARN('sagemaker')}:processing-job/*`),
          Fn.sub(`${ARN('sagemaker')}:training-job/*`),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'RegisterIntoSharedRegistry',
        actions: [
          'sagemaker:CreateModelPackage',
          'sagemaker:DescribeModelPackageGroup',
        ],
        // The versions land under the group's name, which ml-model-registry
        // fixes as <ProjectName>-models in the Team Shared Services account
        // (whose id the template cannot cut out of the ARN without Fn::Split).
        resources: [
          param('ModelPackageGroupArn').valueAsString,
          Fn.sub(
            'arn:${AWS::Partition}:sagemaker:${AWS::Region}:*:model-package/${ProjectName}-models/*',
          ),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'PassItselfToJobs',
        actions: ['iam:PassRole'],
        resources: [executionRole.attrArn],
        conditions: {
          StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
        },
      }),
      new iam.PolicyStatement({
        sid: 'Artifacts',
        actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
        resources: [bucket.attrArn, objectsOf(bucket)],
      }),
      new iam.PolicyStatement({
        sid: 'ArtifactKey',
        actions: [
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'kms:CreateGrant',
          'kms:DescribeKey',
        ],
        resources: [key.attrArn],
      }),
      new iam.PolicyStatement({
        sid: 'JobsInTheVpc',
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:CreateNetworkInterfacePermission',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeVpcs',
          'ec2:DescribeDhcpOptions',
          'ec2:DescribeSubnets',
          'ec2:DescribeSecurityGroups',
        ],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'JobLogs',
        actions: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
        ],
        resources: [Fn.sub(`${ARN('logs')}:log-group:/aws/sagemaker/*`)],
      }),
      new iam.PolicyStatement({
        sid: 'PullImages',
        actions: [
          'ecr:GetAuthorizationToken',
          'ecr:BatchGetImage',
          'ecr:GetDownloadUrlForLayer',
        ],
        resources: ['*'],
      }),
    ],
  );
  acknowledgeWildcards(
    policy,
    "Job ARNs are named at run time by the pipeline; model versions are registered only under the project's own group name (the registry's account is given as the group ARN, which the template cannot cut up); the artifact bucket is the product's own; VPC network interfaces, ECR's authorization token and image pulls of SageMaker's public images take no narrower resource; SageMaker's log groups",
    [
      'Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:processing-job/*',
      'Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:training-job/*',
      'Resource::<ArtifactBucket.Arn>/*',
      'Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:*:model-package/<ProjectName>-models/*',
      'Resource::*',
      'Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/sagemaker/*',
    ],
  );

  const definition = modelBuildDefinition();

  const pipeline = new sagemaker.CfnPipeline(stack, 'ModelBuildPipeline', {
    pipelineName: Fn.sub('${ProjectName}-model-build'),
    pipelineDescription: 'Process, train and register a model version',
    roleArn: executionRole.attrArn,
    pipelineDefinition: {
      PipelineDefinitionBody: Fn.sub(JSON.stringify(definition), {
        SubnetList: Fn.join('","', param('SubnetIds').valueAsList),
        SecurityGroupList: Fn.join(
          '","',
          param('SecurityGroupIds').valueAsList,
        ),
      }),
    },
  });
  pipeline.addResourceDependency(policy);

  outputs(stack, [
    ['PipelineName', pipeline.ref, 'The model-build pipeline'],
    [
      'PipelineExecutionRoleArn',
      executionRole.attrArn,
      'The role the pipeline and its jobs run as',
    ],
  ]);
  artifactOutputs(
    stack,
    { key, bucket },
    'Data, code and model artifacts (prefix ProjectName/)',
  );
}
