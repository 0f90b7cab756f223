import { MlProjectRecord } from '@mlgov/plugin-ml-environments-common';
import { Knex } from 'knex';

/** The project record's tables and row mapping, shared by its store's parts. */
export const PROJECTS = 'ml_environments_projects';
export const AUDIT = 'ml_environments_audit';
export const LEASE = 'ml_environments_refresh_lease';
export const PROFILES = 'ml_environments_studio_profiles';
export const ACCOUNTS = 'ml_environments_project_accounts';

export type ProjectRow = {
  project: string;
  pattern: string;
  owner: string;
  accounts: string;
  origin: string;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  lock_task_id: string | null;
  lock_by: string | null;
  lock_until: Date | string | null;
  retirement: string | null;
};

export const iso = (value: Date | string) => new Date(value).toISOString();

export function toRecord(row: ProjectRow): MlProjectRecord {
  return {
    project: row.project,
    pattern: row.pattern as MlProjectRecord['pattern'],
    owner: row.owner,
    accounts: JSON.parse(row.accounts),
    origin: row.origin as MlProjectRecord['origin'],
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(row.retirement ? { retirement: JSON.parse(row.retirement) } : {}),
    ...(row.lock_task_id && row.lock_until
      ? {
          lock: {
            taskId: row.lock_task_id,
            by: row.lock_by ?? '',
            until: iso(row.lock_until),
          },
        }
      : {}),
  };
}

export function isUniqueViolation(error: unknown) {
  const { code, message } = error as { code?: string; message?: string };
  return (
    code === '23505' || // PostgreSQL
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(message ?? '')
  );
}

/** Makes the live-account index hold exactly these accounts for the project. */
export async function replaceAccounts(
  tx: Knex.Transaction,
  project: string,
  accounts: MlProjectRecord['accounts'],
) {
  await tx(ACCOUNTS).where({ project }).delete();
  for (const { accountId, stage } of accounts) {
    await tx(ACCOUNTS).insert({ account_id: accountId, project, stage });
  }
}
