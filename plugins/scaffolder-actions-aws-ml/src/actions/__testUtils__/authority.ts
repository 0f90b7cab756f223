import { ConflictError, NotFoundError } from '@backstage/errors';
import { MlProjectRecord } from '@mlgov/plugin-ml-environments-common';
import { MlProjectAuthority } from '@mlgov/plugin-ml-environments-node';

function recordOf(
  project: string,
  pattern: MlProjectRecord['pattern'],
  owner: string,
): MlProjectRecord {
  const now = new Date(0).toISOString();
  return {
    project,
    pattern,
    owner,
    accounts: [],
    origin: 'provisioned',
    createdBy: 'user:default/guest',
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A stand-in for the ml-environments backend's project record, for action
 * tests: it keeps records in memory and refuses what `refuse` names. The real
 * decisions are tested in the backend (ProjectRegistry) and end to end.
 */
export function testAuthority(
  options: { records?: MlProjectRecord[]; refuse?: Map<string, Error> } = {},
) {
  const records = new Map(
    (options.records ?? []).map(r => [r.project, { ...r }]),
  );
  const calls: Array<{ method: string; project: string; detail?: unknown }> =
    [];
  const authority: MlProjectAuthority = {
    async claimProvisioning(_credentials, project, claim) {
      calls.push({ method: 'claim', project, detail: claim });
      const refusal = options.refuse?.get(project);
      if (refusal) throw refusal;
      const record = records.get(project);
      if (record && record.pattern !== claim.pattern) {
        throw new ConflictError(
          `ML project ${project} follows the ${record.pattern} pattern, not ${claim.pattern}`,
        );
      }
      if (record || claim.dryRun) return record;
      const created = recordOf(project, claim.pattern, claim.owner);
      records.set(project, created);
      return created;
    },
    async checkProjectChange(_credentials, project) {
      calls.push({ method: 'check', project });
      const refusal = options.refuse?.get(project);
      if (refusal) throw refusal;
      // Projects the test did not list count as recorded with the demo's owner.
      return (
        records.get(project) ?? {
          ...recordOf(project, 'mlops', 'group:default/team-churn'),
        }
      );
    },
    async completeProvisioning(_credentials, project, _taskId, accounts) {
      calls.push({ method: 'complete', project, detail: accounts });
      const record = records.get(project)!;
      record.accounts = accounts;
      return record;
    },
    async releaseProvisioning(_credentials, project) {
      calls.push({ method: 'release', project });
    },
    async transfer(_credentials, project, owner) {
      calls.push({ method: 'transfer', project, detail: owner });
      const refusal = options.refuse?.get(project);
      if (refusal) throw refusal;
      const record = records.get(project);
      if (!record) throw new NotFoundError(`No record of ${project}`);
      record.owner = owner;
      return record;
    },
  };
  return { authority, records, calls };
}
