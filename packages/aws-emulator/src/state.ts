import { ids } from './ids.ts';

export type {
  Tags,
  OuRecord,
  AccountRecord,
  PolicyRecord,
  CreateAccountRequest,
  EnabledControlRecord,
  ControlOperationRecord,
  EnabledBaselineRecord,
  BaselineOperationRecord,
  ConfigEvaluation,
  PortfolioRecord,
  ProductRecord,
  ArtifactRecord,
  PortfolioShareRecord,
  RecordRecord,
  ConstraintRecord,
  ProvisionedProductRecord,
  DomainRecord,
  DomainSettings,
  UserProfileRecord,
  BudgetRecord,
  Credential,
  IdentityPolicy,
  IdentityStatement,
  QueueRecord,
  LakeDatabaseRecord,
  LakePermissionRecord,
  LakeSettingsRecord,
  LfTagRecord,
  DataCellsFilterRecord,
  ResourceShareRecord,
  PendingWork,
} from './stateRecords.ts';
import type {
  Tags,
  OuRecord,
  AccountRecord,
  PolicyRecord,
  CreateAccountRequest,
  EnabledControlRecord,
  ControlOperationRecord,
  EnabledBaselineRecord,
  BaselineOperationRecord,
  ConfigEvaluation,
  PortfolioRecord,
  ProductRecord,
  PortfolioShareRecord,
  RecordRecord,
  ConstraintRecord,
  ProvisionedProductRecord,
  DomainRecord,
  UserProfileRecord,
  BudgetRecord,
  Credential,
  IdentityPolicy,
  QueueRecord,
  LakeDatabaseRecord,
  LakePermissionRecord,
  LakeSettingsRecord,
  LfTagRecord,
  DataCellsFilterRecord,
  ResourceShareRecord,
  PendingWork,
} from './stateRecords.ts';
import type {
  BucketRecord,
  CodePipelineRecord,
  IamManagedPolicyRecord,
  IamRoleRecord,
  KmsAliasRecord,
  KmsKeyRecord,
  ModelPackageGroupRecord,
  SageMakerPipelineRecord,
  StackRecord,
  UsageCharge,
} from './stateResources.ts';

/** The whole emulated world: one organization and what its accounts hold. */
export class EmulatorState {
  organizationId = ids.organization();
  /** False until CreateOrganization, for a seed of a standalone account. */
  inOrganization = true;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING' = 'ALL';
  managementAccountId = '';
  rootId = ids.root();
  rootTags: Tags = {};
  scpEnabled = true;
  /** Accounts the organization may hold: AWS's default quota, unless raised. */
  accountQuota = 10;
  /** Service principal → when its trusted access was enabled. */
  trustedServices = new Map<string, Date>();
  /** Service principal → its delegated administrators: account id → since when. */
  delegatedAdministrators = new Map<string, Map<string, Date>>();
  ous = new Map<string, OuRecord>();
  accounts = new Map<string, AccountRecord>();
  policies = new Map<string, PolicyRecord>();
  /** policy id → target ids it is attached to directly */
  attachments = new Map<string, Set<string>>();
  createAccountRequests = new Map<string, CreateAccountRequest>();
  enabledControls = new Map<string, EnabledControlRecord>();
  controlOperations = new Map<string, ControlOperationRecord>();
  /** Control Tower's landing zone, when the organization has one. */
  landingZone?: { arn: string; version: string; remediationTypes?: string[] };
  enabledBaselines = new Map<string, EnabledBaselineRecord>();
  /** account id → its auto-enrolment under way (services/controltower/enrolment.ts) */
  autoEnrolments = new Map<
    string,
    { accountId: string; baselineArn: string; started: boolean }
  >();
  /** account id → the ARN of its own (child) enabled baseline */
  childBaselineArns = new Map<string, string>();
  baselineOperations = new Map<string, BaselineOperationRecord>();
  /** account id → names of the AWS Config rules deployed in it */
  configRules = new Map<string, Set<string>>();
  configEvaluations: ConfigEvaluation[] = [];
  portfolios = new Map<string, PortfolioRecord>();
  products = new Map<string, ProductRecord>();
  portfolioShares: PortfolioShareRecord[] = [];
  /** Service Catalog constraints by id. */
  constraints = new Map<string, ConstraintRecord>();
  /** `${accountId}/${portfolioId}` of accepted shares → share type */
  acceptedShares = new Map<string, string>();
  /** `${accountId}/${portfolioId}` → principals associated in that account */
  portfolioPrincipals = new Map<
    string,
    Array<{ PrincipalARN: string; PrincipalType: 'IAM' | 'IAM_PATTERN' }>
  >();
  records = new Map<string, RecordRecord>();
  provisionedProducts = new Map<string, ProvisionedProductRecord>();
  domains = new Map<string, DomainRecord>();
  userProfiles = new Map<string, UserProfileRecord>();
  budgets = new Map<string, BudgetRecord>();
  /** Charges posted through POST /_emulator/usage, on top of the seeded costs. */
  usageCharges: UsageCharge[] = [];
  /** `${catalogId}/${name}` → the database */
  lakeDatabases = new Map<string, LakeDatabaseRecord>();
  lakePermissions: LakePermissionRecord[] = [];
  resourceShares = new Map<string, ResourceShareRecord>();
  /** account id → its data lake settings (none: no administrators) */
  lakeSettings = new Map<string, LakeSettingsRecord>();
  /** `${catalogId}/${key}` → the LF-tag */
  lfTags = new Map<string, LfTagRecord>();
  /** `${catalogId}/${database}[/${table}[/${column}]]` → LF-tag key → value */
  lfTagAssignments = new Map<string, Record<string, string>>();
  /** `${catalogId}/${database}/${table}/${name}` → the filter */
  dataCellsFilters = new Map<string, DataCellsFilterRecord>();
  credentials = new Map<string, Credential>();
  /**
   * IAM principal ARN → its identity policies, for IAM's policy simulator;
   * a principal without an entry may do everything (an administrator).
   */
  principalPolicies = new Map<string, IdentityPolicy[]>();
  pending: PendingWork[] = [];
  /** S3 buckets by name: one namespace across all accounts, as in AWS. */
  buckets = new Map<string, BucketRecord>();
  /** KMS keys by key id, and aliases by `account/region/alias/name`. */
  kmsKeys = new Map<string, KmsKeyRecord>();
  kmsAliases = new Map<string, KmsAliasRecord>();
  /** IAM roles and customer managed policies that stacks created, by ARN. */
  iamRoles = new Map<string, IamRoleRecord>();
  iamManagedPolicies = new Map<string, IamManagedPolicyRecord>();
  /** SageMaker model package groups and pipelines by ARN. */
  modelPackageGroups = new Map<string, ModelPackageGroupRecord>();
  sageMakerPipelines = new Map<string, SageMakerPipelineRecord>();
  /** CodePipeline pipelines by ARN. */
  codePipelines = new Map<string, CodePipelineRecord>();
  /** CloudFormation stacks of template-backed products, by stack id. */
  stacks = new Map<string, StackRecord>();
  /** SQS queues by `account/name`. */
  queues = new Map<string, QueueRecord>();
  /**
   * Where EventBridge delivers the organization's CloudTrail events (a
   * queue's `account/name`), as a rule targeting SQS would.
   */
  eventsQueue?: string;
  /**
   * Answers to calls that carried an idempotency token, by
   * `account/operation/token`, with the parameters they were made with.
   */
  idempotentAnswers = new Map<
    string,
    { parameters: string; answer: unknown }
  >();

  get organizationArnPrefix() {
    return `arn:aws:organizations::${this.managementAccountId}`;
  }

  get rootArn() {
    return `${this.organizationArnPrefix}:root/${this.organizationId}/${this.rootId}`;
  }

  /** Runs the asynchronous work whose time has come, oldest first. */
  settle(now = Date.now()) {
    for (;;) {
      const due = this.pending
        .filter(work => work.readyAt <= now)
        .sort((a, b) => a.readyAt - b.readyAt)[0];
      if (!due) return;
      this.pending.splice(this.pending.indexOf(due), 1);
      due.run();
    }
  }

  later(delayMs: number, run: () => void) {
    this.pending.push({ readyAt: Date.now() + delayMs, run });
  }

  isParent(id: string) {
    return id === this.rootId || this.ous.has(id);
  }

  /** Depth of an OU below the root (a child of the root is 1). */
  depthOf(parentId: string): number {
    let depth = 0;
    let current = parentId;
    while (current !== this.rootId) {
      const ou = this.ous.get(current);
      if (!ou) break;
      depth++;
      current = ou.parentId;
    }
    return depth;
  }

  /** Root, OUs and account from the top down to a target. */
  pathTo(targetId: string): string[] {
    const path: string[] = [];
    let current: string | undefined = targetId;
    while (current) {
      path.unshift(current);
      if (current === this.rootId) break;
      current =
        this.accounts.get(current)?.parentId ?? this.ous.get(current)?.parentId;
    }
    return path;
  }

  policiesAttachedTo(targetId: string): PolicyRecord[] {
    return [...this.policies.values()].filter(policy =>
      this.attachments.get(policy.id)?.has(targetId),
    );
  }

  /** Accounts below an OU, at any depth. */
  accountsUnder(ouId: string): AccountRecord[] {
    return [...this.accounts.values()].filter(account =>
      this.pathTo(account.id).includes(ouId),
    );
  }

  attach(policyId: string, targetId: string) {
    if (!this.attachments.has(policyId)) {
      this.attachments.set(policyId, new Set());
    }
    this.attachments.get(policyId)!.add(targetId);
  }
}
