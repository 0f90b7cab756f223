import {
  MlProjectAuditEntry,
  MlProjectRecord,
  RetiredAccount,
} from '@mlgov/plugin-ml-environments-common';
import { Knex } from 'knex';
import {
  ProjectClaimRequest,
  ProjectClaimResult,
  ProjectCompleteResult,
  ProjectStore,
  RetirementClaimRequest,
} from './ProjectStore';
import { claimRetirement, completeRetirement } from './projectRetirementRows';
import {
  ACCOUNTS,
  AUDIT,
  LEASE,
  PROFILES,
  PROJECTS,
  ProjectRow,
  isUniqueViolation,
  iso,
  replaceAccounts,
  toRecord,
} from './projectRows';

/** The project record on the plugin's database. */
export class DatabaseProjectStore implements ProjectStore {
  constructor(private readonly db: Knex) {}

  async getProject(project: string) {
    const row = await this.db<ProjectRow>(PROJECTS).where({ project }).first();
    return row ? toRecord(row) : undefined;
  }

  async getProjects(projects: string[]) {
    const rows = await this.db<ProjectRow>(PROJECTS).whereIn(
      'project',
      projects,
    );
    const byName = new Map(rows.map(r => [r.project, toRecord(r)]));
    return projects.map(p => byName.get(p));
  }

  async listProjects() {
    const rows = await this.db<ProjectRow>(PROJECTS).orderBy('project');
    return rows.map(toRecord);
  }

  async claimProject(
    request: ProjectClaimRequest,
  ): Promise<ProjectClaimResult> {
    const now = new Date();
    try {
      return await this.db.transaction(async tx => {
        const row = await tx<ProjectRow>(PROJECTS)
          .where({ project: request.project })
          .forUpdate()
          .first();
        const current = row ? toRecord(row) : undefined;
        if (
          (current === undefined) !== (request.expected === undefined) ||
          (current &&
            (current.owner !== request.expected!.owner ||
              current.pattern !== request.expected!.pattern))
        ) {
          return { kind: 'changed', record: current } as const;
        }
        if (current?.retirement) {
          return { kind: 'retired', record: current } as const;
        }
        if (
          current?.lock &&
          (current.lock.taskId !== request.taskId ||
            current.lock.by !== request.by) &&
          new Date(current.lock.until) > now
        ) {
          return { kind: 'locked', lock: current.lock } as const;
        }
        const lock = {
          lock_task_id: request.taskId,
          lock_by: request.by,
          lock_until: request.lockUntil,
        };
        if (current) {
          await tx(PROJECTS).where({ project: request.project }).update(lock);
        } else {
          await tx(PROJECTS).insert({
            project: request.project,
            pattern: request.create.pattern,
            owner: request.create.owner,
            accounts: '[]',
            origin: 'provisioned',
            created_by: request.by,
            created_at: now,
            updated_at: now,
            ...lock,
          });
        }
        const claimed = await tx<ProjectRow>(PROJECTS)
          .where({ project: request.project })
          .first();
        return { kind: 'claimed', record: toRecord(claimed!) } as const;
      });
    } catch (error) {
      // Two tasks creating one new project: the second insert loses.
      if (isUniqueViolation(error)) {
        return {
          kind: 'changed',
          record: await this.getProject(request.project),
        };
      }
      throw error;
    }
  }

  async completeProject(
    project: string,
    lock: { taskId: string; by: string },
    accounts: MlProjectRecord['accounts'],
  ): Promise<ProjectCompleteResult> {
    try {
      return await this.db.transaction(async tx => {
        const held = await tx(PROJECTS)
          .where({ project, lock_task_id: lock.taskId, lock_by: lock.by })
          .update({
            accounts: JSON.stringify(accounts),
            updated_at: new Date(),
            lock_task_id: null,
            lock_by: null,
            lock_until: null,
          });
        if (held !== 1) return { kind: 'not-held' } as const;
        await replaceAccounts(tx, project, accounts);
        const row = await tx<ProjectRow>(PROJECTS).where({ project }).first();
        return { kind: 'completed', record: toRecord(row!) } as const;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return { kind: 'taken', owners: await this.accountOwners(accounts) };
    }
  }

  async accountOwners(accounts: Array<{ accountId: string }>) {
    const rows = await this.db(ACCOUNTS)
      .whereIn(
        'account_id',
        accounts.map(a => a.accountId),
      )
      .select('account_id', 'project');
    return rows.map(r => ({
      accountId: r.account_id as string,
      project: r.project as string,
    }));
  }

  claimRetirement(request: RetirementClaimRequest) {
    return claimRetirement(this.db, request);
  }

  completeRetirement(
    project: string,
    taskId: string,
    accounts: RetiredAccount[],
    at: Date,
  ) {
    return completeRetirement(this.db, project, taskId, accounts, at);
  }

  async releaseProject(project: string, lock: { taskId: string; by: string }) {
    const released = await this.db(PROJECTS)
      .where({ project, lock_task_id: lock.taskId, lock_by: lock.by })
      .update({ lock_task_id: null, lock_by: null, lock_until: null });
    return released === 1;
  }

  async setOwner(project: string, owner: string) {
    await this.db(PROJECTS)
      .where({ project })
      .update({ owner, updated_at: new Date() });
    return (await this.getProject(project))!;
  }

  async insertProject(record: MlProjectRecord) {
    try {
      await this.db.transaction(async tx => {
        await tx(PROJECTS).insert({
          project: record.project,
          pattern: record.pattern,
          owner: record.owner,
          accounts: JSON.stringify(record.accounts),
          origin: record.origin,
          created_by: record.createdBy,
          created_at: new Date(record.createdAt),
          updated_at: new Date(record.updatedAt),
        });
        await replaceAccounts(tx, record.project, record.accounts);
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async recordStudioProfiles(project: string, profiles: string[]) {
    const madeAt = new Date();
    for (const profile of profiles) {
      await this.db(PROFILES)
        .insert({ project, profile, made_at: madeAt })
        .onConflict(['project', 'profile'])
        .ignore();
    }
  }

  async studioProfilesMade(project: string) {
    const rows = await this.db(PROFILES)
      .where({ project })
      .orderBy('profile')
      .select('profile');
    return rows.map(r => r.profile as string);
  }

  async forgetStudioProfiles(project: string, profiles: string[]) {
    await this.db(PROFILES)
      .where({ project })
      .whereIn('profile', profiles)
      .delete();
  }

  async appendAudit(entry: MlProjectAuditEntry) {
    await this.db(AUDIT).insert({
      at: new Date(entry.at),
      actor: entry.actor,
      project: entry.project,
      action: entry.action,
      detail: JSON.stringify(entry.detail),
    });
  }

  async listAudit(options: { project?: string; limit: number }) {
    const query = this.db(AUDIT).orderBy('id', 'desc').limit(options.limit);
    if (options.project) query.where({ project: options.project });
    const rows = await query;
    return rows.map(r => ({
      at: iso(r.at),
      actor: r.actor,
      project: r.project,
      action: r.action,
      detail: JSON.parse(r.detail),
    }));
  }

  async tryStartRefresh(now: Date, minIntervalMs: number) {
    const earliest = new Date(now.getTime() - minIntervalMs);
    const taken = await this.db(LEASE)
      .where({ id: 'refresh' })
      .andWhere('started_at', '<=', earliest)
      .update({ started_at: now });
    if (taken === 1) return { started: true } as const;
    try {
      await this.db(LEASE).insert({ id: 'refresh', started_at: now });
      return { started: true } as const;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const row = await this.db(LEASE).where({ id: 'refresh' }).first();
    const retryAfterMs =
      new Date(row.started_at).getTime() + minIntervalMs - now.getTime();
    return {
      started: false,
      retryAfterMs: Math.max(retryAfterMs, 1000),
    } as const;
  }
}
