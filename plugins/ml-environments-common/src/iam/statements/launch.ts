// The launch role's policy: the create and delete calls of the products'
// resource types (plugins/ml-environments-products) and nothing else; and
// what the suite's roles need to keep that role in an account.
import type { StatementSource, SuitePolicyOptions } from '../policyTypes.ts';

/** What keeping the launch role takes (look it up, create it, put its policy, pass it). */
export const LAUNCH_ROLE_UPKEEP = [
  'iam:CreateRole',
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:PassRole',
  'iam:PutRolePolicy',
];

/** The launch role in every account. */
export const launchRoleArn = (o: Required<SuitePolicyOptions>) =>
  `arn:${o.partition}:iam::*:role/${o.launchRoleName}`;

/**
 * Each resource type's calls as CloudFormation makes them. Resources stay
 * `*` where the products name their resources from parameters (a project's
 * key, bucket and roles are not known before launch).
 */
const RESOURCE_CALLS: Array<Omit<StatementSource, 'principal' | 'flows'>> = [
  {
    // Service Catalog's stacks are named SC-<account>-pp-<id>.
    sid: 'RunTheProductsStacks',
    actions: [
      'cloudformation:CreateStack',
      'cloudformation:DeleteStack',
      'cloudformation:DescribeStackEvents',
      'cloudformation:DescribeStacks',
      'cloudformation:GetTemplateSummary',
      'cloudformation:ValidateTemplate',
    ],
    resource: o => `arn:${o.partition}:cloudformation:*:*:stack/SC-*`,
  },
  {
    // The launch role reads the artifact's template from its S3 URL, only
    // in the shared services account's bucket: the name is anyone's.
    sid: 'ReadTheTemplates',
    actions: ['s3:GetObject'],
    resource: o => `arn:${o.partition}:s3:::${o.templatesBucket}/*`,
    condition: o => ({
      StringEquals: { 's3:ResourceAccount': o.templatesAccount },
    }),
  },
  {
    // CloudFormation checks AWS::EC2::*::Id parameters against the account.
    sid: 'CheckNetworkParameters',
    actions: [
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeSubnets',
      'ec2:DescribeVpcs',
    ],
  },
  {
    sid: 'ProductKeys',
    actions: [
      'kms:CreateAlias',
      'kms:CreateGrant',
      'kms:CreateKey',
      'kms:DeleteAlias',
      'kms:DescribeKey',
      'kms:EnableKeyRotation',
      'kms:PutKeyPolicy',
      'kms:ScheduleKeyDeletion',
      'kms:TagResource',
    ],
  },
  {
    sid: 'ProductRoles',
    actions: [
      'iam:AttachRolePolicy',
      'iam:CreatePolicy',
      'iam:CreateRole',
      'iam:DeletePolicy',
      'iam:DeleteRole',
      'iam:DeleteRolePolicy',
      'iam:DetachRolePolicy',
      'iam:GetPolicy',
      'iam:GetRole',
      'iam:GetRolePolicy',
      'iam:ListPolicyVersions',
      // The products' execution and pipeline roles go to SageMaker and
      // CodePipeline.
      'iam:PassRole',
      'iam:PutRolePolicy',
      'iam:TagRole',
    ],
  },
  {
    sid: 'ProductBuckets',
    actions: [
      's3:CreateBucket',
      's3:DeleteBucket',
      's3:DeleteBucketPolicy',
      's3:PutBucketOwnershipControls',
      's3:PutBucketPolicy',
      's3:PutBucketPublicAccessBlock',
      's3:PutBucketTagging',
      's3:PutBucketVersioning',
      's3:PutEncryptionConfiguration',
    ],
  },
  {
    sid: 'ProductStudioAndPipelines',
    actions: [
      'sagemaker:AddTags',
      'sagemaker:CreateDomain',
      'sagemaker:CreateModelPackageGroup',
      'sagemaker:CreatePipeline',
      'sagemaker:CreateUserProfile',
      'sagemaker:DeleteDomain',
      'sagemaker:DeleteModelPackageGroup',
      'sagemaker:DeleteModelPackageGroupPolicy',
      'sagemaker:DeletePipeline',
      'sagemaker:DeleteUserProfile',
      'sagemaker:DescribeDomain',
      'sagemaker:DescribeModelPackageGroup',
      'sagemaker:DescribePipeline',
      'sagemaker:DescribeUserProfile',
      'sagemaker:PutModelPackageGroupPolicy',
    ],
  },
  {
    sid: 'ProductDeployPipelines',
    actions: [
      'codepipeline:CreatePipeline',
      'codepipeline:DeletePipeline',
      'codepipeline:GetPipeline',
      'codepipeline:TagResource',
    ],
  },
];

/** The statements of the launch role, with the flows whose launches need them. */
export const LAUNCH_STATEMENTS: StatementSource[] = RESOURCE_CALLS.map(s => ({
  ...s,
  principal: 'launch',
  flows: ['provisioning', 'offboarding'],
}));
