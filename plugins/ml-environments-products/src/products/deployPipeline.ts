import {
  CfnCondition,
  Fn,
  Token,
  Aws,
  aws_codepipeline as codepipeline,
  aws_iam as iam,
} from 'aws-cdk-lib';
import {
  type ProductParameter,
  type ProductScope,
  accountParameter,
  acknowledgeWildcards,
  outputs,
  tagParameters,
} from './common.ts';
import {
  CFN_EXECUTION_ROLE_NAME,
  DEPLOYMENT_ROLE_NAME,
} from './deploymentRole.ts';
import { rolePolicy, roleTrusting } from './roles.ts';
import {
  artifactOutputs,
  crossAccountArtifacts,
  objectsOf,
} from './storage.ts';

/** Where the pipeline's source waits: a zip with the endpoint stack template. */
export const SOURCE_OBJECT_KEY = 'endpoint/source.zip';
export const ENDPOINT_TEMPLATE = 'endpoint.template.json';

export const deployPipelineParameters = (): ProductParameter[] => [
  ...tagParameters(['mlops'], ['automation']),
  accountParameter('PreprodAccountId', "The project's preprod account"),
  accountParameter('ProdAccountId', "The project's prod account"),
  {
    name: 'ProdApprovalRequired',
    type: 'String',
    description:
      'Whether a person must approve each deployment to prod (a manual approval stage)',
    default: 'true',
    allowedValues: ['true', 'false'],
  },
  {
    name: 'ModelPackageGroupArn',
    type: 'String',
    description:
      "The project's model package group in Team Shared Services (ml-model-registry output)",
    allowedPattern:
      '^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\\d{12}:model-package-group/[a-zA-Z0-9-]{1,63}$',
  },
];

const targetRoot = (account: string) =>
  Fn.sub(`arn:\${AWS::Partition}:iam::\${${account}}:root`);
const targetRole = (account: string, name: string) =>
  Fn.sub(`arn:\${AWS::Partition}:iam::\${${account}}:role/${name}`);

function deployStage(
  name: string,
  account: string,
  stage: string,
): codepipeline.CfnPipeline.StageDeclarationProperty {
  return {
    name,
    actions: [
      {
        name: 'DeployEndpoint',
        actionTypeId: {
          category: 'Deploy',
          owner: 'AWS',
          provider: 'CloudFormation',
          version: '1',
        },
        // The pipeline's role assumes the target's deployment role, which
        // hands CloudFormation the target's execution role.
        roleArn: targetRole(account, DEPLOYMENT_ROLE_NAME),
        configuration: {
          ActionMode: 'CREATE_UPDATE',
          StackName: Fn.sub('${ProjectName}-endpoint'),
          TemplatePath: `Source::${ENDPOINT_TEMPLATE}`,
          RoleArn: targetRole(account, CFN_EXECUTION_ROLE_NAME),
          Capabilities: 'CAPABILITY_IAM',
          ParameterOverrides: Fn.sub(
            `{"Stage":"${stage}","ProjectName":"\${ProjectName}","ModelPackageGroupArn":"\${ModelPackageGroupArn}"}`,
          ),
        },
        inputArtifacts: [{ name: 'Source' }],
        runOrder: 1,
      },
    ],
  };
}

/**
 * The automation account's pipeline: the endpoint stack to preprod, a manual
 * approval when ProdApprovalRequired is "true", then to prod. Its artifacts
 * are encrypted with a key whose policy admits exactly the two targets.
 */
export function defineDeployPipeline({ stack }: ProductScope): void {
  const targets = [targetRoot('PreprodAccountId'), targetRoot('ProdAccountId')];
  // Cross-account reads of the artifacts: the targets' accounts, which
  // delegate to their deployment roles (the only ones given s3 access).
  const { key, bucket } = crossAccountArtifacts(stack, {
    keyDescription:
      'Encrypts the deploy pipeline artifacts; only preprod and prod may decrypt them',
    readers: targets,
    sids: { decrypt: 'TargetsDecryptArtifacts', read: 'TargetsReadArtifacts' },
    readActions: ['s3:GetObject', 's3:GetObjectVersion'],
    readable: objectsOf,
  });

  const role = roleTrusting(
    stack,
    'PipelineRole',
    { Service: 'codepipeline.amazonaws.com' },
    {
      description:
        "The deploy pipeline's role: assumes only the targets' deployment roles",
    },
  );
  const policy = rolePolicy(stack, 'PipelinePolicy', role, 'deploy-pipeline', [
    new iam.PolicyStatement({
      sid: 'Artifacts',
      actions: [
        's3:GetObject',
        's3:GetObjectVersion',
        's3:PutObject',
        's3:GetBucketVersioning',
        's3:GetBucketLocation',
      ],
      resources: [bucket.attrArn, objectsOf(bucket)],
    }),
    new iam.PolicyStatement({
      sid: 'ArtifactKey',
      actions: [
        'kms:Decrypt',
        'kms:Encrypt',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
      ],
      resources: [key.attrArn],
    }),
    new iam.PolicyStatement({
      sid: 'TargetDeploymentRoles',
      actions: ['sts:AssumeRole'],
      resources: [
        targetRole('PreprodAccountId', DEPLOYMENT_ROLE_NAME),
        targetRole('ProdAccountId', DEPLOYMENT_ROLE_NAME),
      ],
    }),
  ]);
  acknowledgeWildcards(
    policy,
    "The pipeline's own artifact bucket objects and the data-key generation family on its own key",
    ['Resource::<ArtifactBucket.Arn>/*', 'Action::kms:GenerateDataKey*'],
  );

  const approval = new CfnCondition(stack, 'ProdApproval', {
    expression: Fn.conditionEquals(Fn.ref('ProdApprovalRequired'), 'true'),
  });
  // Inside Fn::If the stage is raw CloudFormation (CDK does not rename the
  // keys of an intrinsic's arguments).
  const approvalStage = {
    Name: 'ApproveProd',
    Actions: [
      {
        Name: 'Approve',
        ActionTypeId: {
          Category: 'Approval',
          Owner: 'AWS',
          Provider: 'Manual',
          Version: '1',
        },
        Configuration: {
          CustomData: Fn.sub(
            'Approve deploying ${ProjectName} to prod (${ProdAccountId}) after checking preprod (${PreprodAccountId})',
          ),
        },
        RunOrder: 1,
      },
    ],
  };

  const pipeline = new codepipeline.CfnPipeline(stack, 'DeployPipeline', {
    name: Fn.sub('${ProjectName}-deploy'),
    roleArn: role.attrArn,
    pipelineType: 'V2',
    artifactStore: {
      type: 'S3',
      location: bucket.ref,
      encryptionKey: { id: key.attrArn, type: 'KMS' },
    },
    stages: [
      {
        name: 'Source',
        actions: [
          {
            name: 'EndpointStack',
            actionTypeId: {
              category: 'Source',
              owner: 'AWS',
              provider: 'S3',
              version: '1',
            },
            configuration: {
              S3Bucket: bucket.ref,
              S3ObjectKey: SOURCE_OBJECT_KEY,
              PollForSourceChanges: 'true',
            },
            outputArtifacts: [{ name: 'Source' }],
            runOrder: 1,
          },
        ],
      },
      deployStage('DeployPreprod', 'PreprodAccountId', 'preprod'),
      Token.asAny(
        Fn.conditionIf(approval.logicalId, approvalStage, Aws.NO_VALUE),
      ) as any,
      deployStage('DeployProd', 'ProdAccountId', 'prod'),
    ],
  });
  pipeline.addResourceDependency(policy);

  outputs(stack, [
    ['PipelineName', pipeline.ref, 'The deploy pipeline'],
    [
      'PipelineRoleArn',
      role.attrArn,
      'Give it to ml-deployment-role in preprod and prod',
    ],
  ]);
  artifactOutputs(
    stack,
    { key, bucket },
    'Upload endpoint/source.zip here to start a deployment',
  );
}
