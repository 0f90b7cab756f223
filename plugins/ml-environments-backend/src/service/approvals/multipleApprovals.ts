import { ConflictError, NotAllowedError } from '@backstage/errors';
import { ApprovalStore } from '../../database/ApprovalStore';
import { ProjectAccess } from '../projects/ProjectAccess';
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
 * them, and the caller grants it. The same decider twice counts once; an
 * earlier approval counts only while its approver is still a decider
 * outside the project's owner group; when enough approved already (the
 * grant failed in AWS), any decider retries.
 */
export async function recordApproval<T extends ApprovalItem>(
  policy: ApprovalPolicy<T, any, any>,
  options: {
    store: Pick<ApprovalStore<T, any, any, any>, 'addApproval'>;
    records: Pick<ProjectRecords, 'audit'>;
    notifier: Pick<ApprovalNotifier, 'tellDeciders'>;
  },
  approval: {
    item: T;
    needed: number;
    by: string;
    note?: string;
    at: Date;
    /** Whether an earlier approver still counts (a decider still, independent). */
    counts: (by: string) => Promise<boolean>;
  },
): Promise<T | undefined> {
  const { item, needed, by, note, at, counts } = approval;
  const { words, audit } = policy.kind;
  const earlier = [...new Set(approvalsOf(item).map(a => a.by))];
  const still = await Promise.all(earlier.map(counts));
  const approvers = new Set(earlier.filter((_, i) => still[i]));
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

/**
 * One approval of a request that needs several, by a decider independent
 * of the project: a member of its owner group is refused (separation of
 * duties), and an earlier approval counts only while its approver is still
 * a decider outside that group, as the catalog says now (their sign-in may
 * be older). See recordApproval.
 */
export async function approveIndependently<T extends ApprovalItem>(
  policy: ApprovalPolicy<T, any, any>,
  options: {
    store: Pick<ApprovalStore<T, any, any, any>, 'addApproval'>;
    notifier: Pick<ApprovalNotifier, 'tellDeciders'>;
    records: Pick<ProjectRecords, 'audit' | 'recordOrNotFound'>;
    access: Pick<ProjectAccess, 'catalogGroupsOf'>;
  },
  approval: {
    item: T;
    needed: number;
    actor: { ref: string; ownership: string[] };
    note?: string;
    at: Date;
  },
): Promise<T | undefined> {
  const { item, needed, actor } = approval;
  const { words } = policy.kind;
  const { owner } = await options.records.recordOrNotFound(item.project);
  if (actor.ownership.includes(owner)) {
    throw new NotAllowedError(
      `${actor.ref} is a member of ${owner}, which owns ${item.project}: ${words.items} that need ${needed} approvals are approved by ${words.deciders} outside the project's owner group`,
    );
  }
  const counts = async (ref: string) => {
    const groups = await options.access.catalogGroupsOf(ref);
    return (
      groups.some(g => policy.deciderGroups.includes(g)) &&
      !groups.includes(owner)
    );
  };
  return recordApproval<T>(policy, options, {
    ...approval,
    by: actor.ref,
    counts,
  });
}

/**
 * The request as the policy reads it now from AWS, right before it is
 * applied; the deciders are told when it asks more than it did (the
 * policy's detail, in the audit of the decision, says how).
 */
export async function readAgain<T extends ApprovalItem>(
  policy: ApprovalPolicy<T, any, any>,
  options: { notifier: Pick<ApprovalNotifier, 'tellDeciders'> },
  item: T,
): Promise<T> {
  if (!policy.refresh) return item;
  const { item: current, changed } = await policy.refresh(item);
  if (changed) {
    await options.notifier.tellDeciders(current.project, {
      title: `${current.project}: ${policy.what(current)} changed`,
      description: changed,
    });
  }
  return current;
}
