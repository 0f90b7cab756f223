import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DataGrant,
  GuardrailException,
  MlProjectRecord,
  exemptionOf,
} from '@mlgov/plugin-ml-environments-common';
import { MlProjectAuthority } from '@mlgov/plugin-ml-environments-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AwsMlActionDeps } from '../deps';

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
  options: {
    records?: MlProjectRecord[];
    refuse?: Map<string, Error>;
    /** The permission framework's answer on changing OUs and the root. */
    organizationChange?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** Studio profiles the record says the suite made, by project. */
    studioProfiles?: Record<string, string[]>;
    /** The backend's product check (see publishProducts.test.ts). */
    checkProduct?: MlProjectAuthority['checkProduct'];
    /** The backend's guardrail assessment (see assessGuardrails.test.ts). */
    assessGuardrails?: MlProjectAuthority['assessGuardrails'];
  } = {},
) {
  const records = new Map(
    (options.records ?? []).map(r => [r.project, { ...r }]),
  );
  const calls: Array<{ method: string; project: string; detail?: unknown }> =
    [];
  const exceptions: GuardrailException[] = [];
  /** The Studio profiles each completed provisioning reported as the suite's. */
  const studioProfiles = new Map<string, Set<string>>(
    Object.entries(options.studioProfiles ?? {}).map(([p, names]) => [
      p,
      new Set(names),
    ]),
  );
  const dataGrants: DataGrant[] = [];
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
    async completeProvisioning(
      _credentials,
      project,
      _taskId,
      accounts,
      studioProfiles_,
    ) {
      calls.push({
        method: 'complete',
        project,
        detail: { accounts, studioProfiles: studioProfiles_ },
      });
      const record = records.get(project)!;
      record.accounts = accounts;
      const made = studioProfiles.get(project) ?? new Set<string>();
      for (const profile of studioProfiles_ ?? []) made.add(profile);
      studioProfiles.set(project, made);
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
    async claimRetirement(_credentials, project, claim) {
      calls.push({ method: 'claimRetirement', project, detail: claim });
      const refusal = options.refuse?.get(project);
      if (refusal) throw refusal;
      const record = records.get(project);
      if (!record) throw new NotFoundError(`No record of ${project}`);
      const response = (
        openExceptions: GuardrailException[],
        openDataGrants: DataGrant[],
      ) => ({
        record,
        openExceptions,
        openDataGrants,
        closuresInLast30Days: 0,
        studioProfiles: [...(studioProfiles.get(project) ?? [])],
      });
      if (record.retirement?.state === 'retired') return response([], []);
      const isOpen = (o: { project: string; state: string }) =>
        o.project === project && ['pending', 'active'].includes(o.state);
      const open = exceptions.filter(isOpen);
      if (open.length > 0 && !claim.revokeOpenExceptions) {
        throw new ConflictError(`ML project ${project} has open exceptions`);
      }
      const openGrants = dataGrants.filter(isOpen);
      if (openGrants.length > 0 && !claim.revokeDataGrants) {
        throw new ConflictError(`ML project ${project} has open data grants`);
      }
      if (!claim.dryRun) {
        record.retirement ??= {
          state: 'retiring',
          reason: claim.reason,
          requestedBy: 'user:default/guest',
          requestedAt: new Date(0).toISOString(),
          accounts: [],
        };
      }
      return response(open, openGrants);
    },
    async completeRetirement(_credentials, project, _taskId, accounts) {
      calls.push({ method: 'completeRetirement', project, detail: accounts });
      const record = records.get(project)!;
      record.retirement = {
        ...record.retirement!,
        state: 'retired',
        retiredAt: new Date(0).toISOString(),
        accounts,
      };
      return record;
    },
    async revokeException(_credentials, id) {
      calls.push({ method: 'revokeException', project: '', detail: id });
      const exception = exceptions.find(e => e.id === id)!;
      exception.state = 'revoked';
      return exception;
    },
    async requestDataAccess(_credentials, project, request) {
      calls.push({ method: 'requestDataAccess', project, detail: request });
      const refusal = options.refuse?.get(project);
      if (refusal) throw refusal;
      const open = dataGrants.find(
        g =>
          g.project === project &&
          g.accountId === request.accountId &&
          g.database === request.database &&
          ['pending', 'active'].includes(g.state),
      );
      if (open) return open;
      const grant: DataGrant = {
        ...request,
        id: `00000000-0000-4000-9000-${String(dataGrants.length).padStart(
          12,
          '0',
        )}`,
        project,
        state: 'pending',
        requestedBy: 'user:default/guest',
        requestedAt: new Date(0).toISOString(),
      };
      dataGrants.push(grant);
      return grant;
    },
    async revokeDataGrant(_credentials, id) {
      calls.push({ method: 'revokeDataGrant', project: '', detail: id });
      const grant = dataGrants.find(g => g.id === id)!;
      grant.state = 'revoked';
      return grant;
    },
    async listExceptions(_credentials, project) {
      calls.push({ method: 'listExceptions', project });
      return exceptions.filter(e => e.project === project);
    },
    async checkProduct(credentials, template, targetOu) {
      calls.push({ method: 'checkProduct', project: '', detail: targetOu });
      if (!options.checkProduct) {
        throw new Error('This test gave the authority no product check');
      }
      return options.checkProduct(credentials, template, targetOu);
    },
    async assessGuardrails(credentials, project) {
      calls.push({ method: 'assessGuardrails', project });
      const refusal = options.refuse?.get(project);
      if (refusal) throw refusal;
      if (!options.assessGuardrails) {
        throw new Error('This test gave the authority no assessment');
      }
      return options.assessGuardrails(credentials, project);
    },
    async activeExemptions() {
      return exceptions.filter(e => e.state === 'active').map(exemptionOf);
    },
    async requestException(_credentials, project, request) {
      calls.push({ method: 'requestException', project, detail: request });
      const refusal = options.refuse?.get(project);
      if (refusal) throw refusal;
      const exception: GuardrailException = {
        ...request,
        id: `00000000-0000-4000-8000-${String(exceptions.length).padStart(
          12,
          '0',
        )}`,
        project,
        state: 'pending',
        requestedBy: 'user:default/guest',
        requestedAt: new Date(0).toISOString(),
      };
      exceptions.unshift(exception);
      return exception;
    },
  };
  const permissions: AwsMlActionDeps['permissions'] = {
    async authorize(requests) {
      return requests.map(() => ({
        result: options.organizationChange ?? AuthorizeResult.ALLOW,
      }));
    },
  };
  return {
    authority,
    permissions,
    records,
    calls,
    exceptions,
    dataGrants,
    studioProfiles,
  };
}

/** The demo's churn-prediction as the suite records it (dev and prod). */
export function churnAuthority() {
  return testAuthority({
    records: [
      {
        project: 'churn-prediction',
        pattern: 'mlops',
        owner: 'group:default/team-churn',
        accounts: [
          { stage: 'dev', accountId: '200000000011' },
          { stage: 'prod', accountId: '200000000013' },
        ],
        origin: 'adopted',
        createdBy: 'config',
        createdAt: '2026-12-01T00:00:00.000Z',
        updatedAt: '2026-12-01T00:00:00.000Z',
      },
    ],
  });
}
