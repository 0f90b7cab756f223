// One guardrail's state where it should be, from the snapshot: an SCP
// (present, attached, its document as the library's) or a Control Tower
// control (enabled, enrolled, not drifted, compliant). guardrailStatus.ts
// applies them to OUs and accounts.
import { carvedOutAccounts } from '../exceptions/carveOut';
import { GUARDRAILS, scpName } from '../guardrails/library';
import { GuardrailStatus } from '../schema/openapi/generated/models';
import { SnapshotAccount } from './snapshot';
import { SnapshotIndex } from './snapshotIndex';

/** A guardrail's state, reason and carrier, without what names the guardrail. */
export type GuardrailCheck = Omit<
  GuardrailStatus,
  'guardrailId' | 'kind' | 'title' | 'expectedAt'
>;

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

export function scpStatus(
  index: SnapshotIndex,
  id: string,
  expectedAt: string,
  chain: string[],
  expectedContent: string,
): GuardrailCheck {
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

export function controlStatus(
  index: SnapshotIndex,
  id: string,
  expectedAt: string,
  chain: string[],
  accounts: SnapshotAccount[],
): GuardrailCheck {
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
