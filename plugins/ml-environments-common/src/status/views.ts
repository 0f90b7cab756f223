import { GuardrailBaseline } from '../guardrails/baseline';
import { GuardrailParameters } from '../guardrails/types';
import { ACCOUNT_TAGS } from '../accountTags';
import { MlProjectRecord } from '../projectRecord';
import {
  EffectivePermission,
  OrganizationNode,
  OrganizationView,
  ProjectLayout,
  TargetGuardrailsView,
} from '../schema/openapi/generated/models';
import { ML_CRITICAL_CHECKS, decideForAccount } from './effective';
import {
  evaluateAccountGuardrails,
  evaluateOuGuardrails,
} from './guardrailStatus';
import { worstState } from './worstState';
import { OrganizationSnapshot, SnapshotAccount } from './snapshot';
import { SnapshotIndex } from './snapshotIndex';

/**
 * How the views judge a snapshot: the guardrails expected where, their
 * parameters, and the Region the SCPs are evaluated for.
 *
 * @public
 */
export interface StatusViewOptions {
  baseline: GuardrailBaseline;
  parameters: GuardrailParameters;
  region: string;
}

function accountStatus(
  index: SnapshotIndex,
  accountId: string,
  options: StatusViewOptions,
) {
  return evaluateAccountGuardrails(
    index,
    accountId,
    options.baseline,
    options.parameters,
  )!;
}

/** The ML-critical checks, decided for one account. */
function effectivePermissions(
  snapshot: OrganizationSnapshot,
  accountId: string,
  region: string,
): EffectivePermission[] {
  return decideForAccount(snapshot, accountId, ML_CRITICAL_CHECKS, region).map(
    (decision, i) => ({
      check: ML_CRITICAL_CHECKS[i].id,
      label: ML_CRITICAL_CHECKS[i].label,
      ...decision,
    }),
  );
}

/** Control Tower's hold on an account, read from its OU, when the snapshot knows it. */
function governanceOf(index: SnapshotIndex, account: SnapshotAccount) {
  const controlTower = index.ou(account.parentId)?.controlTower;
  return controlTower
    ? {
        controlTower: {
          ouRegistered: controlTower.registered,
          enrolmentPending: controlTower.unenrolledAccounts,
        },
      }
    : {};
}

function freshnessOf(snapshot: OrganizationSnapshot) {
  return {
    takenAt: snapshot.takenAt,
    reconciledAt: snapshot.reconciledAt,
    stale: snapshot.stale,
    loading: snapshot.loading,
    landingZone: snapshot.landingZone,
  };
}

/**
 * A recorded project's account, as the suite's record knows it.
 *
 * @public
 */
export interface RecordedAccountOfView {
  project: string;
  stage: string;
  pattern?: string;
}

/**
 * GET /organization: the OU tree with every account and status roll-ups.
 * `recordedOwners` (the suite's record) names each recorded project's owner;
 * only unrecorded projects show their owner tag. `recordedAccounts` (the
 * record's accounts by id) give their project, stage and pattern even
 * before the snapshot has read the accounts' tags.
 *
 * @public
 */
export function organizationView(
  snapshot: OrganizationSnapshot,
  recordedOwners: Map<string, string>,
  options: StatusViewOptions,
  recordedAccounts: ReadonlyMap<string, RecordedAccountOfView> = new Map(),
): OrganizationView {
  const ouStatus = new Map(
    evaluateOuGuardrails(snapshot, options.baseline, options.parameters).map(
      t => [t.targetId, t],
    ),
  );
  const index = new SnapshotIndex(snapshot);
  const accounts = snapshot.accounts.map(account => {
    const recorded = recordedAccounts.get(account.id);
    const project = recorded?.project ?? account.tags[ACCOUNT_TAGS.project];
    return {
      id: account.id,
      name: account.name,
      parentId: account.parentId,
      ouPath: index.ou(account.parentId)?.path ?? '',
      owner: recordedOwners.get(project) ?? account.tags[ACCOUNT_TAGS.owner],
      project,
      pattern: recorded?.pattern ?? account.tags[ACCOUNT_TAGS.pattern],
      stage: recorded?.stage ?? account.tags[ACCOUNT_TAGS.stage],
      state: accountStatus(index, account.id, options).state,
      status: account.status,
      managed: recordedOwners.has(project),
    };
  });
  const node = (id: string, name: string, path: string): OrganizationNode => {
    const children = snapshot.ous
      .filter(o => o.parentId === id)
      .map(o => node(o.id, o.name, o.path));
    const controlTower = index.ou(id)?.controlTower;
    const own = accounts.filter(a => a.parentId === id);
    return {
      id,
      name,
      path,
      state: worstState([
        ouStatus.get(id)?.state ?? 'ok',
        ...own.map(a => a.state),
        ...children.map(c => c.state),
      ]),
      guardrails: ouStatus.get(id)?.guardrails ?? [],
      ...(controlTower ? { controlTower } : {}),
      accounts: own,
      children,
    };
  };
  return {
    ...freshnessOf(snapshot),
    organizationId: snapshot.organizationId,
    root: node(snapshot.rootId, 'Root', ''),
  };
}

/**
 * GET /projects/{project}: the project's accounts with their guardrails and
 * effective permissions; undefined when none of them is in the snapshot. A
 * recorded project's accounts are the record's (tags can be set by others);
 * an unrecorded one is known only by its tags.
 *
 * @public
 */
export function projectLayout(
  snapshot: OrganizationSnapshot,
  project: string,
  recordedAccounts: MlProjectRecord['accounts'] | undefined,
  options: StatusViewOptions,
): Omit<ProjectLayout, 'record'> | undefined {
  const index = new SnapshotIndex(snapshot);
  const accounts = recordedAccounts?.length
    ? snapshot.accounts.filter(a =>
        recordedAccounts.some(r => r.accountId === a.id),
      )
    : snapshot.accounts.filter(a => a.tags[ACCOUNT_TAGS.project] === project);
  if (accounts.length === 0) return undefined;
  const stageOf = (account: SnapshotAccount) =>
    recordedAccounts?.find(r => r.accountId === account.id)?.stage ??
    account.tags[ACCOUNT_TAGS.stage];
  return {
    project,
    ...freshnessOf(snapshot),
    pattern: accounts[0].tags[ACCOUNT_TAGS.pattern],
    accounts: accounts.map(account => {
      const status = accountStatus(index, account.id, options);
      return {
        id: account.id,
        name: account.name,
        stage: stageOf(account),
        ouPath: index.ou(account.parentId)?.path ?? '',
        ...governanceOf(index, account),
        expectedOuPath: index.expectedOuPath(account),
        state: status.state,
        guardrails: status.guardrails,
        effectivePermissions: effectivePermissions(
          snapshot,
          account.id,
          options.region,
        ),
      };
    }),
    products: snapshot.products
      .filter(p => accounts.some(a => a.id === p.accountId))
      .map(({ accountId, name, status, version, latestVersion }) => ({
        accountId,
        name,
        status,
        ...(version ? { version } : {}),
        ...(latestVersion ? { latestVersion } : {}),
      })),
  };
}

/**
 * GET /targets/{id}/guardrails: one OU (or the root) or account; undefined
 * when the organization has no such id.
 *
 * @public
 */
export function targetGuardrailsView(
  snapshot: OrganizationSnapshot,
  id: string,
  options: StatusViewOptions,
): TargetGuardrailsView | undefined {
  const index = new SnapshotIndex(snapshot);
  if (index.account(id)) {
    return {
      ...accountStatus(index, id, options),
      kind: 'account',
      effectivePermissions: effectivePermissions(snapshot, id, options.region),
    };
  }
  const ou = evaluateOuGuardrails(
    snapshot,
    options.baseline,
    options.parameters,
  ).find(t => t.targetId === id);
  if (ou) return { ...ou, kind: 'ou' };
  if (index.ou(id) || id === snapshot.rootId) {
    return {
      targetId: id,
      label: index.labelOf(id),
      kind: 'ou',
      guardrails: [],
      state: 'ok',
    };
  }
  return undefined;
}
