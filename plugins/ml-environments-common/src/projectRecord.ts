import {
  AuditEntry,
  ProjectRecord,
  ProvisioningClaim,
} from './schema/openapi/generated/models';

/**
 * The suite's own record of an ML project: the source of authority for who
 * owns it and which pattern it follows. Catalog entities and account tags are
 * views of it; nothing a user can write elsewhere changes it.
 *
 * @public
 */
export type MlProjectRecord = ProjectRecord;

/** One mutating act on a project, kept for admins to read. @public */
export type MlProjectAuditEntry = AuditEntry;

/** What a provisioning task asks before its first AWS call. @public */
export type MlProvisioningClaim = ProvisioningClaim;
