import { ConflictError } from '@backstage/errors';
import { ApprovalStore } from '../../database/ApprovalStore';
import { ProjectRecords } from '../projects/ProjectRecords';
import { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalItem, ApprovalPolicy } from './ApprovalPolicy';

/** The approvals recorded on a request that needs several. */
function approvalsOf(item: object): Array<{ by: string }> {
  return (item as { approvals?: Array<{ by: string }> }).approvals ?? [];
}

/**
 * One approval of a pending request that needs several different deciders
 * (a sensitive data grant): recorded, audited and the other deciders told,
 * the request still pending; or undefined when this approval completes
 * them, and the caller grants it. The same decider twice counts once; when
 * enough approved already (the grant failed in AWS), any decider retries.
 */
export async function recordApproval<T extends ApprovalItem>(
  policy: ApprovalPolicy<T, any, any>,
  options: {
    store: Pick<ApprovalStore<T, any, any, any>, 'addApproval'>;
    records: Pick<ProjectRecords, 'audit'>;
    notifier: Pick<ApprovalNotifier, 'tellDeciders'>;
  },
  approval: { item: T; needed: number; by: string; note?: string; at: Date },
): Promise<T | undefined> {
  const { item, needed, by, note, at } = approval;
  const { words, audit } = policy.kind;
  const approvers = new Set(approvalsOf(item).map(a => a.by));
  if (approvers.size >= needed) return undefined;
  if (approvers.has(by)) {
    throw new ConflictError(
      `${by} approved ${words.kind} ${item.id} already; it needs ${needed} different approvals from ${words.deciders}, ${approvers.size} so far`,
    );
  }
  if (approvers.size + 1 >= needed) return undefined;
  const recorded = await options.store.addApproval!(item.id, { by, note, at });
  if (!recorded) {
    throw new ConflictError(
      `${words.item} ${item.id} was decided meanwhile; reload it`,
    );
  }
  await options.records.audit(by, recorded.project, `${audit}.approve`, {
    ...policy.detail(recorded),
    note,
    approvals: approvers.size + 1,
    approvalsNeeded: needed,
  });
  await options.notifier.tellDeciders(recorded.project, {
    title: `${recorded.project}: ${policy.what(
      recorded,
    )} needs another approval`,
    description: `${by} approved (${
      approvers.size + 1
    } of ${needed}); another of ${words.deciders} decides`,
  });
  return recorded;
}
