import { GuardrailBaseline } from '../guardrails/baseline';
import { GuardrailParameters } from '../guardrails/types';
import { ACCOUNT_TAGS } from '../accountTags';
import { GuardrailState } from '../schema/openapi/generated/models';
import { evaluateAccountGuardrails } from './guardrailStatus';
import { OrganizationSnapshot } from './snapshot';
import { SnapshotIndex } from './snapshotIndex';

/**
 * A guardrail that does not hold on an account of a recorded project, or
 * the account itself no longer active in AWS (suspended, closing, closed).
 *
 * @public
 */
export interface GuardrailAlert {
  /** `<accountId>/<guardrailId>` (or `<accountId>/account-state`): one per guardrail and account. */
  key: string;
  kind: 'guardrail' | 'account-state';
  project: string;
  /** The project's owner group, from the suite's record. */
  owner: string;
  account: string;
  guardrail: string;
  /** The guardrail's state, or the account's AWS state for account-state alerts. */
  state: GuardrailState | string;
  reason: string;
}

const ACCOUNT_STATE_KEY = 'account-state';

/**
 * Every guardrail that does not hold on the accounts of recorded projects
 * (`recordedOwners`: project → owner group). Accounts only tagged with a
 * project belong to nobody the suite can notify.
 *
 * @public
 */
export function guardrailAlerts(
  snapshot: OrganizationSnapshot,
  recordedOwners: Map<string, string>,
  options: { baseline: GuardrailBaseline; parameters: GuardrailParameters },
): GuardrailAlert[] {
  const index = new SnapshotIndex(snapshot);
  return snapshot.accounts.flatMap(account => {
    const project = account.tags[ACCOUNT_TAGS.project];
    const owner = recordedOwners.get(project);
    if (!owner) return [];
    const status = evaluateAccountGuardrails(
      index,
      account.id,
      options.baseline,
      options.parameters,
    );
    const stage = account.tags[ACCOUNT_TAGS.stage];
    // People read names: the account's name and its stage, not its id.
    const where = stage ? `${account.name} (${stage})` : account.name;
    const alerts: GuardrailAlert[] = (status?.guardrails ?? [])
      .filter(g => !['ok', 'unknown', 'excepted'].includes(g.state))
      .map(g => ({
        key: `${account.id}/${g.guardrailId}`,
        kind: 'guardrail',
        project,
        owner,
        account: where,
        guardrail: g.title,
        state: g.state,
        reason: g.reason,
      }));
    // An account AWS no longer runs (suspended, closing, closed) is news
    // too; back to ACTIVE (reopened) resolves it.
    if (account.status && account.status !== 'ACTIVE') {
      alerts.push({
        key: `${account.id}/${ACCOUNT_STATE_KEY}`,
        kind: 'account-state',
        project,
        owner,
        account: where,
        guardrail: 'The AWS account',
        state: account.status,
        reason: `AWS reports it as ${account.status}; a closed account can be reopened through AWS Support for 90 days`,
      });
    }
    return alerts;
  });
}

/** What changed since the alerts last notified: new or changed, and gone. @public */
export function alertChanges(
  notified: Map<string, { state: string; project: string }>,
  current: GuardrailAlert[],
): {
  raised: GuardrailAlert[];
  resolved: Array<{ key: string; project: string }>;
} {
  const currentKeys = new Set(current.map(a => a.key));
  return {
    raised: current.filter(a => notified.get(a.key)?.state !== a.state),
    resolved: [...notified]
      .filter(([key]) => !currentKeys.has(key))
      .map(([key, { project }]) => ({ key, project })),
  };
}
