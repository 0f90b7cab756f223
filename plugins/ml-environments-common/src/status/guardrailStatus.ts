import { GuardrailBaseline } from '../guardrails/baseline';
import { GUARDRAILS, scpDocument } from '../guardrails/library';
import { GuardrailParameters } from '../guardrails/types';
import {
  GuardrailState,
  GuardrailStatus,
} from '../schema/openapi/generated/models';
import { OrganizationSnapshot, SnapshotAccount } from './snapshot';
import { SnapshotIndex } from './snapshotIndex';
import { worstState } from './worstState';
import { conformanceProblems, withConformance } from './conformance';
import { controlStatus, scpStatus } from './guardrailChecks';

/** @public */
export interface TargetGuardrails {
  targetId: string;
  label: string;
  guardrails: GuardrailStatus[];
  /** The worst state among the guardrails, for roll-ups. */
  state: GuardrailState;
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
