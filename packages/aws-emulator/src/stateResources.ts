// The records of the resources products' templates create (S3, KMS, IAM
// roles, SageMaker's registry and pipelines, CodePipeline) and of the stacks
// that made them; state.ts holds the world, stateRecords.ts the older records.

export interface S3ObjectRecord {
  /** Kept as text: the emulator's objects are templates and documents. */
  body: string;
  contentType: string;
  etag: string;
  lastModified: Date;
  metadata: Record<string, string>;
}

export interface BucketRecord {
  name: string;
  accountId: string;
  region: string;
  createdAt: Date;
  objects: Map<string, S3ObjectRecord>;
  /** The bucket policy as its JSON text, when one is set. */
  policy?: string;
  tags: Record<string, string>;
  /** Encryption, public access block, versioning … as a template gave them. */
  configuration?: Record<string, unknown>;
}

export interface KmsKeyRecord {
  keyId: string;
  arn: string;
  accountId: string;
  region: string;
  description: string;
  enabled: boolean;
  keySpec: string;
  keyUsage: string;
  policy?: string;
  createdAt: Date;
}

export interface KmsAliasRecord {
  /** `alias/…` */
  name: string;
  arn: string;
  accountId: string;
  targetKeyId: string;
}

export interface IamRoleRecord {
  name: string;
  arn: string;
  roleId: string;
  accountId: string;
  path: string;
  assumeRolePolicyDocument: unknown;
  /** Inline policies by name. */
  inlinePolicies: Map<string, unknown>;
  managedPolicyArns: string[];
  tags: Record<string, string>;
  createdAt: Date;
}

export interface IamManagedPolicyRecord {
  name: string;
  arn: string;
  accountId: string;
  document: unknown;
  createdAt: Date;
}

export interface ModelPackageGroupRecord {
  name: string;
  arn: string;
  accountId: string;
  description?: string;
  /** The resource policy, as JSON text. */
  resourcePolicy?: string;
  tags: Record<string, string>;
  createdAt: Date;
}

export interface SageMakerPipelineRecord {
  name: string;
  arn: string;
  accountId: string;
  displayName: string;
  description?: string;
  definition: string;
  roleArn: string;
  tags: Record<string, string>;
  createdAt: Date;
}

export interface CodePipelineRecord {
  name: string;
  arn: string;
  accountId: string;
  /** The pipeline's declaration as GetPipeline answers it (`pipeline`). */
  declaration: Record<string, unknown>;
  version: number;
  createdAt: Date;
}

/** One resource a stack created, and how to remove it again. */
export interface StackResourceRecord {
  logicalId: string;
  type: string;
  physicalId: string;
  attributes: Record<string, unknown>;
  /** The properties it was made with: an update keeps it while they stay. */
  properties?: Record<string, unknown>;
  /** `Retain` keeps it when the stack is deleted. */
  deletionPolicy?: string;
  /** Deletes the resource; answers why not when the service refuses. */
  remove: () => string | undefined;
}

/** A provisioned product's CloudFormation stack, by provisioned product id. */
export interface StackRecord {
  stackId: string;
  name: string;
  accountId: string;
  region: string;
  status:
    | 'CREATE_COMPLETE'
    | 'ROLLBACK_COMPLETE'
    | 'UPDATE_COMPLETE'
    | 'UPDATE_ROLLBACK_COMPLETE'
    | 'DELETE_FAILED'
    | 'DELETE_COMPLETE';
  /** In the order they were created. */
  resources: StackResourceRecord[];
  outputs: Array<{
    OutputKey: string;
    OutputValue: string;
    Description?: string;
  }>;
}

/** A provisioning artifact (a version of a product). */
export interface ArtifactRecord {
  id: string;
  name: string;
  description: string;
  active: boolean;
  guidance: 'DEFAULT' | 'DEPRECATED';
  createdAt: Date;
  /** The template's text, read from LoadTemplateFromURL when it was created. */
  templateBody?: string;
  templateUrl?: string;
}

/** A Studio domain's settings, as DescribeDomain reads them back. */
export interface DomainSettings {
  appNetworkAccessType: 'PublicInternetOnly' | 'VpcOnly';
  kmsKeyId?: string;
  subnetIds: string[];
  securityGroups: string[];
  vpcId?: string;
  /** DefaultUserSettings as the request gave them (SecurityGroups aside). */
  defaultUserSettings?: Record<string, unknown>;
  /** DomainSettings as the request gave them (e.g. ExecutionRoleIdentityConfig). */
  domainSettings?: Record<string, unknown>;
}

/** Usage billed to an account on a day, by the resource tags it carried. */
export interface UsageCharge {
  accountId: string;
  /** `YYYY-MM-DD` (UTC) */
  day: string;
  cents: number;
  tags: Record<string, string>;
}
