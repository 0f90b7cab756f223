import {
  MlProjectAuditEntry,
  MlProjectRecord,
  ProjectRetirement,
  RetiredAccount,
} from '@mlgov/plugin-ml-environments-common';

/** What a provisioning task wants to hold, and what it expects to find. */
export interface ProjectClaimRequest {
  project: string;
  taskId: string;
  by: string;
  lockUntil: Date;
  /** The record as the caller checked it, or undefined for a new project. */
  expected?: Pick<MlProjectRecord, 'owner' | 'pattern'>;
  /** The record to create when the project is new. */
  create: Pick<MlProjectRecord, 'pattern' | 'owner'>;
}

export type ProjectClaimResult =
  | { kind: 'claimed'; record: MlProjectRecord }
  /** Another task holds the project. */
  | { kind: 'locked'; lock: NonNullable<MlProjectRecord['lock']> }
  /** The record changed since the caller checked it (created, transferred). */
  | { kind: 'changed'; record?: MlProjectRecord }
  /** The project is retired or retiring: its name is never provisioned again. */
  | { kind: 'retired'; record: MlProjectRecord };

/** Who holds a project: a task, for the user who started it. */
export interface ProjectLockHolder {
  taskId: string;
  by: string;
}

export type ProjectCompleteResult =
  | { kind: 'completed'; record: MlProjectRecord }
  /** The task, for this user, does not hold the project. */
  | { kind: 'not-held' }
  /** Some accounts belong to other live projects. */
  | { kind: 'taken'; owners: Array<{ accountId: string; project: string }> };

/** What an offboarding task wants to hold. */
export interface RetirementClaimRequest {
  project: string;
  taskId: string;
  by: string;
  lockUntil: Date;
  /** The owner group as the caller checked it. */
  expectedOwner: string;
  /** Recorded unless a retirement was already started. */
  retirement: ProjectRetirement;
}

export type RetirementClaimResult =
  | { kind: 'claimed'; record: MlProjectRecord }
  | { kind: 'missing' }
  | { kind: 'locked'; lock: NonNullable<MlProjectRecord['lock']> }
  | { kind: 'changed'; record: MlProjectRecord }
  | { kind: 'retired'; record: MlProjectRecord };

/** The suite's record of projects, their audit trail and the refresh lease. */
export interface ProjectStore {
  getProject(project: string): Promise<MlProjectRecord | undefined>;
  getProjects(projects: string[]): Promise<Array<MlProjectRecord | undefined>>;
  listProjects(): Promise<MlProjectRecord[]>;
  /** Atomically: the project is what the caller expects and no other task holds it. */
  claimProject(request: ProjectClaimRequest): Promise<ProjectClaimResult>;
  /**
   * Records the accounts a task made and lets go of the project, if that
   * task, for that user, holds it; an account another live project holds
   * is refused by the database (`taken`).
   */
  completeProject(
    project: string,
    lock: ProjectLockHolder,
    accounts: MlProjectRecord['accounts'],
  ): Promise<ProjectCompleteResult>;
  /** The live projects that hold these accounts. */
  accountOwners(
    accounts: Array<{ accountId: string }>,
  ): Promise<Array<{ accountId: string; project: string }>>;
  /** Lets go of the project if that task, for that user, holds it. */
  releaseProject(project: string, lock: ProjectLockHolder): Promise<boolean>;
  /** Atomically: holds the project for an offboarding task and marks it retiring. */
  claimRetirement(
    request: RetirementClaimRequest,
  ): Promise<RetirementClaimResult>;
  /** Marks the project retired with what became of its accounts, if the task holds it. */
  completeRetirement(
    project: string,
    taskId: string,
    accounts: RetiredAccount[],
    at: Date,
  ): Promise<MlProjectRecord | undefined>;
  setOwner(project: string, owner: string): Promise<MlProjectRecord>;
  /** Inserts an adopted project; false when a record already exists. */
  insertProject(record: MlProjectRecord): Promise<boolean>;
  /** Notes Studio profiles the suite made for the project (again is a no-op). */
  recordStudioProfiles(project: string, profiles: string[]): Promise<void>;
  /** The Studio profiles the suite made for the project and has not deleted. */
  studioProfilesMade(project: string): Promise<string[]>;
  forgetStudioProfiles(project: string, profiles: string[]): Promise<void>;
  appendAudit(entry: MlProjectAuditEntry): Promise<void>;
  listAudit(options: {
    project?: string;
    limit: number;
  }): Promise<MlProjectAuditEntry[]>;
  /**
   * Takes the refresh lease when no replica took it in the last `minIntervalMs`;
   * otherwise says when it can be taken again.
   */
  tryStartRefresh(
    now: Date,
    minIntervalMs: number,
  ): Promise<{ started: true } | { started: false; retryAfterMs: number }>;
}
