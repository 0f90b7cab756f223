import { GuardrailBaseline } from '../guardrails/baseline';
import { carvedOutAccounts } from '../exceptions/carveOut';
import { GUARDRAILS, scpDocument, scpName } from '../guardrails/library';
import { GuardrailParameters } from '../guardrails/types';
import {
  GuardrailState,
  GuardrailStatus,
} from '../schema/openapi/generated/models';
import { OrganizationSnapshot, SnapshotAccount } from './snapshot';
import { SnapshotIndex } from './snapshotIndex';
import { worstState } from './worstState';
import { conformanceProblems, withConformance } from './conformance';

/** @public */
export interface TargetGuardrails {
  targetId: string;
  label: string;
  guardrails: GuardrailStatus[];
  /** The worst state among the guardrails, for roll-ups. */
  state: GuardrailState;
}

/** Why a policy differs, naming carve-outs that no approved exception explains. */
function driftReason(
  name: string,
  at: string,
  content: string,
  expectedContent: string,
) {
  const actual = carvedOutAccounts(content);
  const expected = carvedOutAccounts(expectedContent);
  const unapproved = actual.filter(a => !expected.includes(a));
  const lacking = expected.filter(a => !actual.includes(a));
  if (unapproved.length > 0) {
    return `${name} on ${at} lifts ${unapproved.join(
      ', ',
    )} out of the guardrail with no approved exception in force (it ended, was revoked or was never approved); the backend's exception check removes it, or re-run attachPolicies`;
  }
  if (lacking.length > 0) {
    return `${name} on ${at} lacks the carve-out of the approved exception for ${lacking.join(
      ', ',
    )}; the backend's exception check restores it`;
  }
  return `${name} on ${at} differs from the library's document; re-run attachPolicies to restore it`;
}

function scpStatus(
  index: SnapshotIndex,
  id: string,
  expectedAt: string,
  chain: string[],
  expectedContent: string,
): Omit<GuardrailStatus, 'guardrailId' | 'kind' | 'title' | 'expectedAt'> {
  const name = scpName(id);
  const policy = index.snapshot.policies.find(p => p.name === name);
  if (!policy) {
    return {
      state: 'missing',
      reason: `No SCP named ${name} exists in the organization`,
    };
  }
  const attachedAt = chain.find(t => policy.targets.includes(t));
  if (!attachedAt) {
    return {
      state: 'missing',
      reason: `${name} is not attached to ${expectedAt} or above it`,
    };
  }
  const carriedBy = { name, at: index.labelOf(attachedAt) };
  let same = false;
  try {
    same = JSON.stringify(JSON.parse(policy.content)) === expectedContent;
  } catch {
    same = false;
  }
  if (!same) {
    return {
      state: 'drifted',
      reason: driftReason(name, carriedBy.at, policy.content, expectedContent),
      carriedBy,
    };
  }
  return {
    state: 'ok',
    reason: `${name} is attached to ${carriedBy.at}`,
    carriedBy,
  };
}

function controlStatus(
  index: SnapshotIndex,
  id: string,
  expectedAt: string,
  chain: string[],
  accounts: SnapshotAccount[],
): Omit<GuardrailStatus, 'guardrailId' | 'kind' | 'title' | 'expectedAt'> {
  const control = index.snapshot.controls.find(
    c => c.controlId === id && chain.includes(c.ouId),
  );
  if (!control) {
    const ou = index.snapshot.ous.find(o => o.path === expectedAt);
    return {
      state: 'missing',
      reason:
        ou?.controlTower?.registered === false
          ? `${id} is not enabled on ${expectedAt}, which is not registered with Control Tower: register it (aws:controltower:registerOrganizationalUnit), then enable the control`
          : `${id} is not enabled on ${expectedAt}`,
    };
  }
  const carriedBy = { name: id, at: index.labelOf(control.ouId) };
  const unenrolled =
    accounts.length === 1 &&
    index.snapshot.ous.find(o => o.id === accounts[0].parentId)?.controlTower
      ?.unenrolledAccounts;
  if (unenrolled) {
    return {
      state: 'unknown',
      reason: `${index.labelOf(
        accounts[0].id,
      )} may not be enrolled in Control Tower (its OU shows inheritance drift), so ${id} may not reach it: reset the OU's baseline (ResetEnabledBaseline) or re-run the template`,
      carriedBy,
    };
  }
  if (control.status !== 'SUCCEEDED') {
    return {
      state: 'unknown',
      reason: `${id} on ${carriedBy.at} is ${
        control.status === 'FAILED' ? 'in a failed state' : 'being changed'
      }`,
      carriedBy,
    };
  }
  if (control.driftStatus === 'DRIFTED') {
    return {
      state: 'drifted',
      reason: `Control Tower reports ${id} on ${carriedBy.at} as drifted; re-register the OU or reset the control`,
      carriedBy,
    };
  }
  const guardrail = GUARDRAILS.find(g => g.id === id);
  if (
    index.snapshot.complianceUnavailable &&
    guardrail?.kind === 'control' &&
    guardrail.behavior === 'detective'
  ) {
    return {
      state: 'unknown',
      reason: `${id} is enabled on ${carriedBy.at}, but its compliance is unavailable: ${index.snapshot.complianceUnavailable}`,
      carriedBy,
    };
  }
  const failing = index.snapshot.compliance.filter(
    c =>
      c.controlId === id &&
      c.compliance === 'NON_COMPLIANT' &&
      accounts.some(a => a.id === c.accountId),
  );
  if (failing.length > 0) {
    const where = failing
      .map(
        f =>
          `${index.labelOf(f.accountId)}: ${
            f.nonCompliantResources
          } resource(s)`,
      )
      .join(', ');
    return {
      state: 'non-compliant',
      reason: `AWS Config finds ${id} violated in ${where}`,
      carriedBy,
    };
  }
  return {
    state: 'ok',
    reason: `${id} is enabled on ${carriedBy.at}`,
    carriedBy,
  };
}

/**
 * Names a guardrail missing or drifted where it should be (the OU or root
 * that carries or lacks it): the same problem has the same key on the OU and
 * on every account below it. Other states have none.
 *
 * @public
 */
export function problemKey(
  status: Pick<GuardrailStatus, 'guardrailId' | 'state' | 'expectedAt'> & {
    carriedBy?: { at: string };
  },
): string | undefined {
  if (status.state !== 'missing' && status.state !== 'drifted') {
    return undefined;
  }
  const where = status.carriedBy?.at ?? status.expectedAt;
  return `${where}|${status.guardrailId}|${status.state}`;
}

function evaluate(
  index: SnapshotIndex,
  expectations: Array<{ id: string; expectedAt: string }>,
  chain: string[],
  accounts: SnapshotAccount[],
  parameters: GuardrailParameters,
): GuardrailStatus[] {
  return expectations.map(({ id, expectedAt }) => {
    const guardrail = GUARDRAILS.find(g => g.id === id);
    if (!guardrail) {
      return {
        guardrailId: id,
        kind: 'scp',
        title: id,
        state: 'unknown',
        reason: `${id} is not in the guardrail library`,
        expectedAt,
      };
    }
    const status =
      guardrail.kind === 'scp'
        ? scpStatus(
            index,
            id,
            expectedAt,
            chain,
            JSON.stringify(scpDocument(guardrail, parameters)),
          )
        : controlStatus(index, id, expectedAt, chain, accounts);

    const result: GuardrailStatus = {
      guardrailId: id,
      kind: guardrail.kind,
      title: guardrail.title,
      expectedAt,
      ...status,
    };
    const key = problemKey(result);
    const since = key && parameters.problemsSince?.[key];
    return since ? { ...result, since } : result;
  });
}

/**
 * An account's guardrails that an approved exception lifts, as such: lifted
 * on purpose until a date, neither holding nor drift. Only a carve-out that
 * is in place counts; one that is not shows as the drift it is.
 */
function markExcepted(
  guardrails: GuardrailStatus[],
  accountId: string,
  parameters: GuardrailParameters,
): GuardrailStatus[] {
  return guardrails.map(g => {
    const exemption = parameters.exemptions?.find(
      e => e.guardrailId === g.guardrailId && e.accountId === accountId,
    );
    if (!exemption || g.state !== 'ok') return g;
    return {
      ...g,
      state: 'excepted',
      reason: `Lifted for this account until ${exemption.endsAt.slice(
        0,
        10,
      )} by exception ${exemption.exceptionId}: ${exemption.reason}`,
    };
  });
}

/** Baseline entries for an OU path and every OU above it, the root first. */
function expectationsFor(
  baseline: GuardrailBaseline,
  ouPath: string | undefined,
) {
  const scopes = ['Root'];
  if (ouPath) {
    const names = ouPath.split('/');
    names.forEach((_, i) => scopes.push(names.slice(0, i + 1).join('/')));
  }
  return scopes.flatMap(scope =>
    (baseline[scope] ?? []).map(id => ({ id, expectedAt: scope })),
  );
}

/**
 * The guardrails each OU of the baseline must carry, against what the
 * snapshot shows.
 *
 * @public
 */
export function evaluateOuGuardrails(
  snapshot: OrganizationSnapshot,
  baseline: GuardrailBaseline,
  parameters: GuardrailParameters,
): TargetGuardrails[] {
  const index = new SnapshotIndex(snapshot);
  return Object.keys(baseline)
    .filter(path => path !== 'Root')
    .flatMap(path => {
      const ou = index.ouAt(path);
      if (!ou) return [];
      const accounts = snapshot.accounts.filter(a =>
        index.chainOf(a.id).includes(ou.id),
      );
      const guardrails = evaluate(
        index,
        (baseline[path] ?? []).map(id => ({ id, expectedAt: path })),
        index.chainOf(ou.id),
        accounts,
        parameters,
      );
      return [
        {
          targetId: ou.id,
          label: path,
          guardrails,
          state: worstState(guardrails.map(g => g.state)),
        },
      ];
    });
}

/**
 * The keys (`problemKey`) of every guardrail missing or drifted on an OU of
 * the baseline: what the backend records the first sighting of.
 *
 * @public
 */
export function ouProblemKeys(
  snapshot: OrganizationSnapshot,
  baseline: GuardrailBaseline,
  parameters: GuardrailParameters,
): string[] {
  return evaluateOuGuardrails(snapshot, baseline, parameters).flatMap(ou =>
    ou.guardrails.flatMap(g => problemKey(g) ?? []),
  );
}

/**
 * The guardrails an account must carry, from the baseline of the OU its
 * tags place it in (or the OU it is in, for accounts without project tags),
 * against what applies to it where it actually is.
 *
 * @public
 */
export function evaluateAccountGuardrails(
  snapshotOrIndex: OrganizationSnapshot | SnapshotIndex,
  accountId: string,
  baseline: GuardrailBaseline,
  parameters: GuardrailParameters,
): TargetGuardrails | undefined {
  // Callers judging many accounts pass one index, so each look-up is O(1).
  const index =
    snapshotOrIndex instanceof SnapshotIndex
      ? snapshotOrIndex
      : new SnapshotIndex(snapshotOrIndex);
  const account = index.account(accountId);
  if (!account) return undefined;
  const chain = index.chainOf(account.id);
  const actualOu = index.ou(account.parentId)?.path;
  const expectedOu = index.expectedOuPath(account) ?? actualOu;
  let guardrails = markExcepted(
    evaluate(
      index,
      expectationsFor(baseline, expectedOu),
      chain,
      [account],
      parameters,
    ),
    account.id,
    parameters,
  );
  if (expectedOu && expectedOu !== actualOu) {
    // Outside its OU the account misses what that OU would give it.
    const where = actualOu ?? 'the root';
    guardrails = guardrails.map(g =>
      g.state === 'missing'
        ? {
            ...g,
            reason: `${g.reason}: the account sits in ${where}, not in ${expectedOu}; move it there`,
          }
        : g,
    );
  }
  guardrails = withConformance(
    guardrails,
    conformanceProblems(index.snapshot, account.id),
  );
  return {
    targetId: account.id,
    label: `${account.name} (${account.id})`,
    guardrails,
    state: worstState(guardrails.map(g => g.state)),
  };
}
