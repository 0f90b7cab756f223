import { Fn, aws_iam as iam } from 'aws-cdk-lib';
import {
  type ProductParameter,
  type ProductScope,
  acknowledgeWildcards,
  outputs,
  tagParameters,
} from './common.ts';
import { rolePolicy, roleTrusting } from './roles.ts';

export const DEPLOYMENT_ROLE_NAME = 'ml-deployment-role';
export const CFN_EXECUTION_ROLE_NAME = 'ml-cfn-execution-role';
export const MODEL_EXECUTION_ROLE_NAME = 'ml-model-execution-role';

export const deploymentRoleParameters = (): ProductParameter[] => [
  ...tagParameters(['mlops'], ['preprod', 'prod']),
  {
    name: 'PipelineRoleArn',
    type: 'String',
    description:
      "The deploy pipeline's role in the automation account (output PipelineRoleArn of ml-deploy-pipeline); the only principal trusted",
    allowedPattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$',
  },
  {
    name: 'ArtifactBucketName',
    type: 'String',
    description: "The deploy pipeline's artifact bucket",
    allowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
  },
  {
    name: 'ArtifactKeyArn',
    type: 'String',
    description: "The deploy pipeline's artifact key",
    allowedPattern: '^arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[a-f0-9-]+$',
  },
  {
    name: 'ModelArtifactBucketName',
    type: 'String',
    description:
      "The dev account's model artifact bucket (ml-model-build output ArtifactBucketName)",
    allowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
  },
];

const ARN = (service: string) =>
  `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}`;

/**
 * The roles the automation account's pipeline deploys through in preprod and
 * prod: the deployment role trusts only the pipeline's role and may only hand
 * CloudFormation the execution role, which may only build the project's
 * endpoint stack; the model execution role runs the endpoint.
 */
export function defineDeploymentRole({ stack, param }: ProductScope): void {
  const deployment = roleTrusting(
    stack,
    'DeploymentRole',
    { AWS: param('PipelineRoleArn').valueAsString },
    {
      roleName: DEPLOYMENT_ROLE_NAME,
      description:
        "Assumed only by the project's deploy pipeline role to deploy the endpoint stack",
    },
  );
  const execution = roleTrusting(
    stack,
    'CloudFormationExecutionRole',
    { Service: 'cloudformation.amazonaws.com' },
    {
      roleName: CFN_EXECUTION_ROLE_NAME,
      description: "CloudFormation's role for the project's endpoint stack",
    },
  );
  const model = roleTrusting(
    stack,
    'ModelExecutionRole',
    { Service: 'sagemaker.amazonaws.com' },
    {
      roleName: MODEL_EXECUTION_ROLE_NAME,
      description: "The endpoint's model role: reads the model artifacts",
    },
  );

  const endpointStack = Fn.sub(
    `${ARN('cloudformation')}:stack/\${ProjectName}-endpoint/*`,
  );
  const deployPolicy = rolePolicy(
    stack,
    'DeploymentPolicy',
    deployment,
    'deploy-endpoint-stack',
    [
      new iam.PolicyStatement({
        sid: 'EndpointStackOnly',
        actions: [
          'cloudformation:CreateStack',
          'cloudformation:UpdateStack',
          'cloudformation:DescribeStacks',
          'cloudformation:DescribeStackEvents',
          'cloudformation:CreateChangeSet',
          'cloudformation:DescribeChangeSet',
          'cloudformation:ExecuteChangeSet',
          'cloudformation:DeleteChangeSet',
        ],
        resources: [endpointStack],
      }),
      new iam.PolicyStatement({
        sid: 'HandCloudFormationItsRole',
        actions: ['iam:PassRole'],
        resources: [execution.attrArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadPipelineArtifacts',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [
          Fn.sub('arn:${AWS::Partition}:s3:::${ArtifactBucketName}/*'),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'DecryptPipelineArtifacts',
        actions: ['kms:Decrypt', 'kms:DescribeKey'],
        resources: [param('ArtifactKeyArn').valueAsString],
      }),
    ],
  );
  acknowledgeWildcards(
    deployPolicy,
    "Narrowed to the project's own endpoint stack (every stack id of that name) and the objects of the pipeline's artifact bucket",
    [
      'Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/<ProjectName>-endpoint/*',
      'Resource::arn:<AWS::Partition>:s3:::<ArtifactBucketName>/*',
    ],
  );

  const sm = (kind: string) =>
    Fn.sub(`${ARN('sagemaker')}:${kind}/\${ProjectName}-*`);
  const executionPolicy = rolePolicy(
    stack,
    'ExecutionPolicy',
    execution,
    'endpoint-stack-resources',
    [
      new iam.PolicyStatement({
        sid: 'ProjectEndpointResources',
        actions: [
          'sagemaker:CreateModel',
          'sagemaker:DescribeModel',
          'sagemaker:DeleteModel',
          'sagemaker:CreateEndpointConfig',
          'sagemaker:DescribeEndpointConfig',
          'sagemaker:DeleteEndpointConfig',
          'sagemaker:CreateEndpoint',
          'sagemaker:UpdateEndpoint',
          'sagemaker:DescribeEndpoint',
          'sagemaker:DeleteEndpoint',
          'sagemaker:AddTags',
        ],
        resources: [sm('model'), sm('endpoint-config'), sm('endpoint')],
      }),
      new iam.PolicyStatement({
        sid: 'HandTheEndpointItsRole',
        actions: ['iam:PassRole'],
        resources: [model.attrArn],
      }),
    ],
  );
  acknowledgeWildcards(
    executionPolicy,
    'Only SageMaker models, endpoint configs and endpoints named after the project (prefix ProjectName-)',
    ['model', 'endpoint-config', 'endpoint'].map(
      kind =>
        `Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:${kind}/<ProjectName>-*`,
    ),
  );

  const modelPolicy = rolePolicy(
    stack,
    'ModelPolicy',
    model,
    'read-model-artifacts',
    [
      new iam.PolicyStatement({
        sid: 'ReadModelArtifacts',
        actions: ['s3:GetObject'],
        resources: [
          Fn.sub(
            'arn:${AWS::Partition}:s3:::${ModelArtifactBucketName}/${ProjectName}/*',
          ),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'EndpointLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [
          Fn.sub(
            `${ARN(
              'logs',
            )}:log-group:/aws/sagemaker/Endpoints/\${ProjectName}-*`,
          ),
        ],
      }),
    ],
  );
  acknowledgeWildcards(
    modelPolicy,
    "The project's own model artifacts and its endpoints' log groups only",
    [
      'Resource::arn:<AWS::Partition>:s3:::<ModelArtifactBucketName>/<ProjectName>/*',
      'Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/sagemaker/Endpoints/<ProjectName>-*',
    ],
  );

  outputs(stack, [
    ['DeploymentRoleArn', deployment.attrArn, 'Assumed by the deploy pipeline'],
    [
      'ExecutionRoleArn',
      execution.attrArn,
      "CloudFormation's role for the endpoint stack",
    ],
    ['ModelExecutionRoleArn', model.attrArn, "The endpoint's model role"],
  ]);
}
