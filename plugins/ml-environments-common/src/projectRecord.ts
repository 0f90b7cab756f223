import { AccountPatternId, AccountStage } from './patterns';

/**
 * The suite's own record of an ML project: the source of authority for who
 * owns it and which pattern it follows. Catalog entities and account tags are
 * views of it; nothing a user can write elsewhere changes it.
 *
 * @public
 */
export interface MlProjectRecord {
  project: string;
  pattern: AccountPatternId;
  /** Catalog ref of the owning group, e.g. group:default/team-churn. */
  owner: string;
  /** Accounts the suite made (or adopted) for the project, by stage. */
  accounts: Array<{ stage: AccountStage; accountId: string }>;
  /** How the record came to be: provisioned by a task, or adopted by an admin. */
  origin: 'provisioned' | 'adopted';
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The provisioning task holding the project, while one runs. */
  lock?: { taskId: string; by: string; until: string };
}

/** One mutating act on a project, kept for admins to read. @public */
export interface MlProjectAuditEntry {
  at: string;
  actor: string;
  project: string;
  action:
    | 'provision.start'
    | 'provision.complete'
    | 'provision.refused'
    | 'transfer'
    | 'adopt'
    | 'studio-url';
  detail: Record<string, unknown>;
}

/** What a provisioning task asks before its first AWS call. @public */
export interface MlProvisioningClaim {
  pattern: AccountPatternId;
  owner: string;
  taskId: string;
  dryRun?: boolean;
}
