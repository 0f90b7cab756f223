// The records the emulated world is made of (state.ts holds the world).
import type { ArtifactRecord, DomainSettings } from './stateResources.ts';

export type { ArtifactRecord, DomainSettings } from './stateResources.ts';
export type {
  DataCellsFilterRecord,
  LakeColumn,
  LakeDatabaseRecord,
  LakePermissionRecord,
  LakeSettingsRecord,
  LfTagRecord,
  ResourceShareRecord,
} from './stateLakeRecords.ts';

export type Tags = Record<string, string>;

export interface OuRecord {
  id: string;
  arn: string;
  name: string;
  parentId: string;
  tags: Tags;
}

export interface AccountRecord {
  id: string;
  arn: string;
  name: string;
  email: string;
  parentId: string;
  state: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';
  /** When CloseAccount was called, for the rolling 30-day closure quota. */
  closeRequestedAt?: Date;
  joinedMethod: 'CREATED' | 'INVITED';
  joinedTimestamp: Date;
  roleName: string;
  tags: Tags;
}

export interface PolicyRecord {
  id: string;
  arn: string;
  name: string;
  description: string;
  type: string;
  awsManaged: boolean;
  content: string;
  tags: Tags;
}

export interface CreateAccountRequest {
  id: string;
  accountName: string;
  email: string;
  roleName: string;
  tags: Tags;
  state: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  requestedTimestamp: Date;
  completedTimestamp?: Date;
  accountId?: string;
  failureReason?: string;
}

export interface EnabledControlRecord {
  arn: string;
  controlIdentifier: string;
  targetIdentifier: string;
  status: 'SUCCEEDED' | 'UNDER_CHANGE' | 'FAILED';
  driftStatus: 'DRIFTED' | 'IN_SYNC' | 'NOT_CHECKING' | 'UNKNOWN';
  lastOperationIdentifier: string;
  parameters: Array<{ key: string; value: unknown }>;
}

export interface ControlOperationRecord {
  operationIdentifier: string;
  operationType: 'ENABLE_CONTROL' | 'DISABLE_CONTROL';
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  statusMessage?: string;
  startTime: Date;
  endTime?: Date;
  controlIdentifier: string;
  targetIdentifier: string;
  enabledControlIdentifier: string;
}

/** A baseline enabled on an OU: AWSControlTowerBaseline registers it. */
export interface EnabledBaselineRecord {
  arn: string;
  baselineIdentifier: string;
  baselineVersion: string;
  targetIdentifier: string;
  status: 'SUCCEEDED' | 'UNDER_CHANGE' | 'FAILED';
  lastOperationIdentifier: string;
  parameters: Array<{ key: string; value: unknown }>;
  /** Accounts the baseline was last applied to (enrolled); others drift. */
  enrolledAccountIds: Set<string>;
}

export interface BaselineOperationRecord {
  operationIdentifier: string;
  operationType: 'ENABLE_BASELINE' | 'RESET_ENABLED_BASELINE';
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  statusMessage?: string;
  startTime: Date;
  endTime?: Date;
}

export interface ConfigEvaluation {
  accountId: string;
  ruleName: string;
  resourceType: string;
  resourceId: string;
  complianceType: 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';
  recordedAt: Date;
}

export interface PortfolioRecord {
  id: string;
  arn: string;
  ownerAccountId: string;
  displayName: string;
  providerName: string;
  description: string;
  productIds: string[];
  createdAt: Date;
}

export interface ProductRecord {
  id: string;
  arn: string;
  ownerAccountId: string;
  name: string;
  owner: string;
  description: string;
  /**
   * What provisioning creates in the emulator: `template`, each artifact's
   * CloudFormation template; or a canned kind, for its artifacts without a
   * template (a canned product may get template versions too).
   */
  kind: 'sagemaker-studio-domain' | 'mlops-pipeline' | 'generic' | 'template';
  artifacts: ArtifactRecord[];
  createdAt: Date;
}

export interface PortfolioShareRecord {
  token?: string;
  portfolioId: string;
  /** Account id, or the OU / organization id an org share targets. */
  target: string;
  type: 'ACCOUNT' | 'ORGANIZATION' | 'ORGANIZATIONAL_UNIT';
  sharePrincipals: boolean;
  createdAt: Date;
  /** Org-node shares complete asynchronously. */
  status: 'IN_PROGRESS' | 'COMPLETED';
}

export interface RecordRecord {
  id: string;
  accountId: string;
  provisionedProductId: string;
  provisionedProductName: string;
  productId: string;
  provisioningArtifactId: string;
  pathId: string;
  recordType:
    | 'PROVISION_PRODUCT'
    | 'UPDATE_PROVISIONED_PRODUCT'
    | 'TERMINATE_PROVISIONED_PRODUCT';
  /** TerminateProvisionedProduct's idempotency token. */
  terminateToken?: string;
  /** UpdateProvisionedProduct's idempotency token. */
  updateToken?: string;
  status: 'CREATED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  createdTime: Date;
  updatedTime: Date;
  errors: Array<{ Code: string; Description: string }>;
  outputs: Array<{
    OutputKey: string;
    OutputValue: string;
    Description?: string;
  }>;
  tags: Array<{ Key: string; Value: string }>;
  /** The role the stack ran as: the LAUNCH constraint's, when there is one. */
  launchRoleArn?: string;
}

/** A Service Catalog constraint on a product in a portfolio (only LAUNCH). */
export interface ConstraintRecord {
  id: string;
  ownerAccountId: string;
  portfolioId: string;
  productId: string;
  type: 'LAUNCH';
  description: string;
  /** The Parameters JSON as given. */
  parameters: string;
  /** Exactly one of these, from the parameters. */
  localRoleName?: string;
  roleArn?: string;
}

export interface ProvisionedProductRecord {
  id: string;
  arn: string;
  accountId: string;
  name: string;
  productId: string;
  provisioningArtifactId: string;
  status: 'AVAILABLE' | 'UNDER_CHANGE' | 'TAINTED' | 'ERROR';
  createdTime: Date;
  lastRecordId: string;
  provisionToken: string;
  /** The CloudFormation stack of a template-backed product (state.stacks). */
  stackId?: string;
  parameters: Array<{ Key: string; Value: string }>;
  tags: Array<{ Key: string; Value: string }>;
}

export interface DomainRecord {
  id: string;
  arn: string;
  accountId: string;
  name: string;
  authMode: 'IAM' | 'SSO';
  status: 'InService' | 'Pending' | 'Deleting';
  createdAt: Date;
  url: string;
  tags: Tags;
  /** What DescribeDomain reads back, and UpdateDomain changes. */
  settings: DomainSettings;
}

export interface UserProfileRecord {
  domainId: string;
  name: string;
  arn: string;
  accountId: string;
  status: 'InService' | 'Deleting';
  createdAt: Date;
  tags: Tags;
  userSettings?: Record<string, unknown>;
}

export interface BudgetRecord {
  accountId: string;
  budget: Record<string, unknown>;
  notifications: unknown[];
}

export interface Credential {
  accessKeyId: string;
  accountId: string;
  /** The IAM principal calls with this key act as. */
  arn: string;
  userId: string;
}

/** An identity policy as the emulator's simulator reads it: no conditions. */
export interface IdentityPolicy {
  Version?: string;
  Statement: IdentityStatement | IdentityStatement[];
}

export interface IdentityStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  /**
   * Evaluated only on aws:PrincipalAccount, aws:PrincipalArn and
   * s3:ResourceAccount (seeds may carry no other); otherwise a conditional
   * Allow never applies and a conditional Deny always does.
   */
  Condition?: unknown;
}

export interface QueueRecord {
  accountId: string;
  name: string;
  createdAt: number;
  visibilityTimeoutSeconds: number;
  messages: Array<{
    messageId: string;
    body: string;
    sentAt: number;
    /** Hidden from receives until then (epoch ms). */
    visibleAt: number;
    receiveCount: number;
    receiptHandle?: string;
  }>;
  /** Long polls waiting for a message. */
  waiters: Set<() => void>;
}

export interface PendingWork {
  readyAt: number;
  run: () => void;
}
