import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import {
  ApprovalRequestRow,
  ApprovalStore,
} from '../../database/ApprovalStore';
import { ProjectAccess } from '../projects/ProjectAccess';
import { retiredError } from '../projects/retiredError';
import { ProjectRecords } from '../projects/ProjectRecords';
import { ProjectRegistry } from '../projects/ProjectRegistry';
import { ApprovalNotifier } from './ApprovalNotifier';
import { approveIndependently, readAgain } from './multipleApprovals';
import {
  ApprovalAsk,
  ApprovalDecision,
  ApprovalItem,
  ApprovalPolicy,
} from './ApprovalPolicy';

/** Who decided a self-service request, in the record and the audit trail. */
export const SELF_SERVICE = 'self-service';

/** What the workflow needs beside its policy. */
export interface ApprovalWorkflowOptions<
  T extends ApprovalItem,
  Stored extends string,
> {
  store: ApprovalStore<T, any, T['state'], Stored>;
  projects: Pick<ProjectRegistry, 'authorizeStatusRead'>;
  access: ProjectAccess;
  records: ProjectRecords;
  notifier: ApprovalNotifier;
  now?: () => Date;
}

/**
 * One request → approve/reject → revoke workflow for every kind of request
 * on a project's account: the owner group asks, a decider (never the one
 * who asked) approves or rejects, owners or deciders revoke; the policy
 * brings AWS in line with the record. Asking again answers the open
 * request (`created: false`): a re-run asks nothing twice.
 */
export class ApprovalWorkflow<
  T extends ApprovalItem,
  Ask extends ApprovalAsk,
  Stored extends string,
> {
  protected readonly now: () => Date;

  constructor(
    private readonly policy: ApprovalPolicy<T, Ask, Stored>,
    private readonly options: ApprovalWorkflowOptions<T, Stored>,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async list(
    credentials: BackstageCredentials,
    filter: { project?: string; state?: T['state'] },
  ) {
    // A project's requests read like its status; all of them like the organization's.
    await this.options.projects.authorizeStatusRead(
      credentials,
      filter.project,
    );
    return this.options.store.list(filter, this.now());
  }

  /** The project's pending and active requests, without a permission check. */
  async open(project: string) {
    return (await this.options.store.list({ project }, this.now())).filter(
      e => e.state === 'pending' || e.state === 'active',
    );
  }

  async request(
    credentials: BackstageCredentials,
    project: string,
    ask: Ask,
  ): Promise<{ item: T; created: boolean }> {
    const { policy } = this;
    const { access, records, store } = this.options;
    policy.available();
    const actor = await access.userOf(credentials);
    const record = await records.recordOrNotFound(project);
    if (record.retirement) throw retiredError(record);
    await access.authorizeOn(
      credentials,
      policy.kind.permissions.request,
      record,
    );
    if (!actor.ownership.includes(record.owner)) {
      throw new NotAllowedError(
        `${actor.ref} may not ${policy.kind.words.ask} ${project}: it is owned by ${record.owner}, and only its members can`,
      );
    }
    if (!record.accounts.some(a => a.accountId === ask.accountId)) {
      throw new InputError(
        `Account ${ask.accountId} is not one of ${project}'s (${record.accounts
          .map(a => `${a.stage}: ${a.accountId}`)
          .join(', ')}); ask for one of them`,
      );
    }
    const now = this.now();
    const problems = await policy.problems(ask, now);
    if (problems.length > 0) throw new InputError(problems.join('; '));
    const open = (await this.open(project)).find(o => policy.sameAs(o, ask));
    if (open) {
      // A self-service request whose AWS call failed is tried again, as now.
      const retry = open.state === 'pending' && policy.approvesOnRequest(open);
      const fresh = retry ? await readAgain(policy, this.options, open) : open;
      const item =
        retry && policy.approvesOnRequest(fresh)
          ? await this.approveAs(fresh, SELF_SERVICE)
          : fresh;
      return { item, created: false };
    }
    // AWS at this moment, not the snapshot: a closing account gets nothing.
    await records.requireActive(project, [ask.accountId], policy.what(ask));
    const row: ApprovalRequestRow = {
      id: randomUUID(),
      project,
      accountId: ask.accountId,
      reason: ask.reason.trim(),
      requestedBy: actor.ref,
    };
    const fields = await policy.fieldsOf(ask, record);
    const item = await store.add({ ...row, ...fields }, now);
    await records.audit(
      actor.ref,
      project,
      `${policy.kind.audit}.request`,
      policy.detail(item),
    );
    if (policy.approvesOnRequest(item)) {
      return { item: await this.approveAs(item, SELF_SERVICE), created: true };
    }
    await this.options.notifier.tellDeciders(
      project,
      await policy.requestNotice(item),
    );
    return { item, created: true };
  }

  async approve(credentials: BackstageCredentials, id: string, note?: string) {
    const actor = await this.options.access.userOf(credentials);
    const asked = await this.getOrNotFound(id);
    await this.authorizeDecision(credentials, actor);
    if (asked.requestedBy === actor.ref) {
      throw new NotAllowedError(this.policy.kind.words.selfApproval);
    }
    this.requirePending(asked);
    const item = await readAgain(this.policy, this.options, asked);
    const needed = this.policy.approvalsNeeded?.(item) ?? 1;
    if (needed > 1) {
      const waiting = await approveIndependently(this.policy, this.options, {
        item,
        needed,
        actor,
        note,
        at: this.now(),
      });
      if (waiting) return waiting;
    }
    return this.approveAs(item, actor.ref, note);
  }

  async reject(credentials: BackstageCredentials, id: string, note?: string) {
    const actor = await this.options.access.userOf(credentials);
    const item = await this.getOrNotFound(id);
    await this.authorizeDecision(credentials, actor);
    this.requirePending(item);
    return this.move(item, ['pending' as Stored], 'rejected' as Stored, {
      decision: 'reject',
      by: actor.ref,
      note,
    });
  }

  /** Ends a pending or active request, taking it back in AWS first. */
  async revoke(credentials: BackstageCredentials, id: string, note?: string) {
    const { policy } = this;
    const { access, records } = this.options;
    const actor = await access.userOf(credentials);
    const item = await this.getOrNotFound(id);
    const record = await records.recordOrNotFound(item.project);
    const owner = await access.ownerAllowed(
      credentials,
      actor,
      record,
      policy.kind.permissions.revoke,
    );
    if (
      !owner &&
      !(await access.memberAllowed(
        credentials,
        actor,
        policy.deciderGroups,
        policy.kind.permissions.decide,
      ))
    ) {
      throw new NotAllowedError(
        `${actor.ref} may not revoke ${policy.kind.words.items} of ${record.project}: only members of ${record.owner} or of ${policy.kind.words.deciders} can`,
      );
    }
    if (item.state !== 'pending' && item.state !== 'active') {
      throw new ConflictError(
        `${policy.kind.words.item} ${id} is ${item.state}; only pending or active ones can be revoked`,
      );
    }
    await policy.beforeRevoke(item);
    return this.move(
      item,
      ['pending' as Stored, policy.approvedState],
      'revoked' as Stored,
      { decision: 'revoke', by: actor.ref, note },
    );
  }

  /** Approves a pending request as `by`: made so in AWS first, then recorded. */
  private async approveAs(item: T, by: string, note?: string) {
    this.requirePending(item);
    await this.policy.beforeApprove(item, this.now());
    return this.move(item, ['pending' as Stored], this.policy.approvedState, {
      decision: 'approve',
      by,
      note,
    });
  }

  private async move(
    item: T,
    from: Stored[],
    to: Stored,
    change: { decision: ApprovalDecision; by: string; note?: string },
  ): Promise<T> {
    const { policy } = this;
    const { store, records, notifier } = this.options;
    const { decision, by, note } = change;
    const moved = await store.move(item.id, from, to, {
      by,
      note,
      at: this.now(),
    });
    if (!moved) {
      throw new ConflictError(
        `${policy.kind.words.item} ${item.id} was decided meanwhile; reload it`,
      );
    }
    await records.audit(by, moved.project, `${policy.kind.audit}.${decision}`, {
      ...policy.detail(moved),
      note,
    });
    await policy.afterDecision(moved, decision);
    await notifier.tellOwner(
      moved.project,
      await policy.decisionNotice(moved, decision, by, note),
    );
    // What AWS was brought to (an exception's carve-out applied) shows at once.
    return (await store.get(item.id, this.now())) ?? moved;
  }

  private requirePending(item: T) {
    if (item.state !== 'pending') {
      throw new ConflictError(
        `${this.policy.kind.words.item} ${item.id} is ${item.state}, not pending`,
      );
    }
  }

  private authorizeDecision(
    credentials: BackstageCredentials,
    actor: { ownership: string[] },
  ) {
    const { kind, deciderGroups } = this.policy;
    return this.options.access.requireMemberAllowed(
      credentials,
      actor,
      {
        groups: deciderGroups,
        what: kind.words.decided,
        setting: kind.decidersSetting,
      },
      kind.permissions.decide,
    );
  }

  private async getOrNotFound(id: string) {
    const item = await this.options.store.get(id, this.now());
    if (!item)
      throw new NotFoundError(`No ${this.policy.kind.words.kind} ${id}`);
    return item;
  }
}
