import {
  ProjectRetirement,
  RetiredAccount,
} from '@mlgov/plugin-ml-environments-common';
import { Knex } from 'knex';
import { RetirementClaimRequest, RetirementClaimResult } from './ProjectStore';
import { ACCOUNTS, PROJECTS, ProjectRow, toRecord } from './projectRows';

/**
 * Retirement's two transactions on the project record: holding a project
 * for an offboarding task (marked retiring), and marking it retired.
 */
export async function claimRetirement(
  db: Knex,
  request: RetirementClaimRequest,
): Promise<RetirementClaimResult> {
  const now = new Date();
  return db.transaction(async tx => {
    const row = await tx<ProjectRow>(PROJECTS)
      .where({ project: request.project })
      .forUpdate()
      .first();
    if (!row) return { kind: 'missing' } as const;
    const current = toRecord(row);
    if (current.owner !== request.expectedOwner) {
      return { kind: 'changed', record: current } as const;
    }
    if (current.retirement?.state === 'retired') {
      return { kind: 'retired', record: current } as const;
    }
    if (
      current.lock &&
      (current.lock.taskId !== request.taskId ||
        current.lock.by !== request.by) &&
      new Date(current.lock.until) > now
    ) {
      return { kind: 'locked', lock: current.lock } as const;
    }
    // A resumed or re-run retirement keeps who asked first, and why.
    const retirement = current.retirement ?? request.retirement;
    await tx(PROJECTS)
      .where({ project: request.project })
      .update({
        retirement: JSON.stringify(retirement),
        updated_at: now,
        lock_task_id: request.taskId,
        lock_by: request.by,
        lock_until: request.lockUntil,
      });
    const claimed = await tx<ProjectRow>(PROJECTS)
      .where({ project: request.project })
      .first();
    return { kind: 'claimed', record: toRecord(claimed!) } as const;
  });
}

export async function completeRetirement(
  db: Knex,
  project: string,
  taskId: string,
  accounts: RetiredAccount[],
  at: Date,
) {
  return db.transaction(async tx => {
    const row = await tx<ProjectRow>(PROJECTS)
      .where({ project, lock_task_id: taskId })
      .forUpdate()
      .first();
    if (!row?.retirement) return undefined;
    const retirement: ProjectRetirement = {
      ...JSON.parse(row.retirement),
      state: 'retired',
      retiredAt: at.toISOString(),
      accounts,
    };
    await tx(PROJECTS)
      .where({ project })
      .update({
        retirement: JSON.stringify(retirement),
        updated_at: at,
        lock_task_id: null,
        lock_by: null,
        lock_until: null,
      });
    // A retired project's accounts are suspended or closed: no longer live.
    await tx(ACCOUNTS).where({ project }).delete();
    return toRecord(
      (await tx<ProjectRow>(PROJECTS).where({ project }).first())!,
    );
  });
}
