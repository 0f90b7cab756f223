import { retiredError } from '../projects/ProjectProvisioning';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  GuardrailBaseline,
  GuardrailException,
  GuardrailExceptionRequest,
  GuardrailExceptionState,
  GuardrailParameters,
  evaluateAccountGuardrails,
  findGuardrail,
  mlEnvironmentsExceptionApprovePermission,
  mlProjectExceptionRequestPermission,
  mlProjectExceptionRevokePermission,
  scpOfGuardrail,
  validateExceptionRequest,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  validateScpContent,
} from '@mlgov/plugin-ml-environments-node';
import { randomUUID } from 'node:crypto';
import { MlEnvironmentsStore } from '../../database/MlEnvironmentsStore';
import { ExceptionStore } from '../../database/ExceptionStore';
import { ProjectAccess } from '../projects/ProjectAccess';
import { ProjectRecords } from '../projects/ProjectRecords';
import { ProjectRegistry } from '../projects/ProjectRegistry';
import { ExceptionEnforcer } from './ExceptionEnforcer';
import { ExceptionNotifier, exceptionDetail } from './ExceptionNotifier';

export interface GuardrailExceptionsOptions {
  store: ExceptionStore;
  projects: Pick<ProjectRegistry, 'authorizeStatusRead'>;
  access: ProjectAccess;
  records: ProjectRecords;
  snapshots: Pick<MlEnvironmentsStore, 'latestSnapshot'>;
  clients: Pick<MlAwsClients, 'organizations'>;
  baseline: GuardrailBaseline;
  parameters: GuardrailParameters;
  notifications: NotificationService;
  logger: LoggerService;
  /** Longest an exception may last. */
  maxDays: number;
  /** Who is told of new requests. */
  approverGroups: string[];
  now?: () => Date;
}

/**
 * Guardrail exceptions from request to decision: owners ask, approvers
 * decide, and after every decision (and on the scheduler) the enforcer makes
 * the SCPs in AWS carry exactly the carve-outs of the approved, unexpired
 * exceptions. The record decides; AWS is only brought in line with it.
 */
export class GuardrailExceptions {
  private readonly now: () => Date;
  private readonly notifier: ExceptionNotifier;
  private readonly enforcer: ExceptionEnforcer;

  constructor(private readonly options: GuardrailExceptionsOptions) {
    this.now = options.now ?? (() => new Date());
    this.notifier = new ExceptionNotifier(options);
    this.enforcer = new ExceptionEnforcer({
      ...options,
      records: options.records,
      notifier: this.notifier,
      now: this.now,
    });
  }

  async list(
    credentials: BackstageCredentials,
    filter: { project?: string; state?: GuardrailExceptionState },
  ) {
    // A project's exceptions read like its status; all of them like the organization's.
    await this.options.projects.authorizeStatusRead(
      credentials,
      filter.project,
    );
    return this.options.store.list(filter, this.now());
  }

  /** The project's pending and active exceptions, without a permission check. */
  async open(project: string) {
    return (await this.options.store.list({ project }, this.now())).filter(
      e => e.state === 'pending' || e.state === 'active',
    );
  }

  async request(
    credentials: BackstageCredentials,
    project: string,
    request: GuardrailExceptionRequest,
  ): Promise<GuardrailException> {
    const { access, records, store } = this.options;
    const actor = await access.userOf(credentials);
    const record = await records.recordOrNotFound(project);
    if (record.retirement) throw retiredError(record);
    await access.authorizeOn(
      credentials,
      mlProjectExceptionRequestPermission,
      record,
    );
    if (!actor.ownership.includes(record.owner)) {
      throw new NotAllowedError(
        `${actor.ref} may not ask for exceptions on ${project}: it is owned by ${record.owner}, and only its members can`,
      );
    }
    if (!record.accounts.some(a => a.accountId === request.accountId)) {
      throw new InputError(
        `Account ${
          request.accountId
        } is not one of ${project}'s (${record.accounts
          .map(a => `${a.stage}: ${a.accountId}`)
          .join(', ')}); ask for one of them`,
      );
    }
    const now = this.now();
    const problems = validateExceptionRequest(request, {
      now,
      maxDays: this.options.maxDays,
      applicable: await this.applicableGuardrails(request.accountId),
    });
    const open = (await store.list({ project }, now)).find(
      e =>
        e.accountId === request.accountId &&
        e.guardrailId === request.guardrailId &&
        (e.state === 'pending' || e.state === 'active'),
    );
    if (open) {
      problems.push(
        `Exception ${open.id} for ${request.guardrailId} on ${request.accountId} is already ${open.state}; revoke it first or wait for its end`,
      );
    }
    if (problems.length > 0) {
      throw new InputError(problems.join('; '));
    }
    // AWS at this moment, not the snapshot: a closing account gets nothing.
    await records.requireActive(
      project,
      [request.accountId],
      'A guardrail exception',
    );
    const exception = await store.add(
      {
        id: randomUUID(),
        project,
        accountId: request.accountId,
        guardrailId: request.guardrailId,
        reason: request.reason.trim(),
        endsAt: new Date(request.endsAt).toISOString(),
        requestedBy: actor.ref,
      },
      now,
    );
    await records.audit(actor.ref, project, 'exception.request', {
      ...exceptionDetail(exception),
    });
    await this.notifier.tellApprovers(
      project,
      `${project} asks to lift ${exception.guardrailId} on ${exception.accountId}`,
      `${exception.requestedBy} asks until ${exception.endsAt.slice(0, 10)}: ${
        exception.reason
      }`,
    );
    return exception;
  }

  async approve(
    credentials: BackstageCredentials,
    id: string,
    note?: string,
  ): Promise<GuardrailException> {
    const { access } = this.options;
    const actor = await access.userOf(credentials);
    const exception = await this.getOrNotFound(id);
    await this.authorizeDecision(credentials, actor);
    if (exception.requestedBy === actor.ref) {
      throw new NotAllowedError(
        'An exception is approved by someone other than the one who asked for it',
      );
    }
    if (new Date(exception.endsAt) <= this.now()) {
      throw new ConflictError(
        `Exception ${id} ended on ${exception.endsAt} before it was approved; ask again`,
      );
    }
    await this.checkCarveOutFits(exception);
    return this.decide(exception, ['pending'], 'approved', actor.ref, note);
  }

  async reject(credentials: BackstageCredentials, id: string, note?: string) {
    const { access } = this.options;
    const actor = await access.userOf(credentials);
    const exception = await this.getOrNotFound(id);
    await this.authorizeDecision(credentials, actor);
    return this.decide(exception, ['pending'], 'rejected', actor.ref, note);
  }

  async revoke(credentials: BackstageCredentials, id: string, note?: string) {
    const { access, records } = this.options;
    const actor = await access.userOf(credentials);
    const exception = await this.getOrNotFound(id);
    const record = await records.recordOrNotFound(exception.project);
    const owner = await access.ownerAllowed(
      credentials,
      actor,
      record,
      mlProjectExceptionRevokePermission,
    );
    if (!owner && !(await this.isApprover(credentials, actor))) {
      throw new NotAllowedError(
        `${actor.ref} may not revoke exceptions of ${record.project}: only members of ${record.owner} or of the approver groups can`,
      );
    }
    if (exception.state !== 'pending' && exception.state !== 'active') {
      throw new ConflictError(
        `Exception ${id} is ${exception.state}; only pending or active ones can be revoked`,
      );
    }
    return this.decide(
      exception,
      ['pending', 'approved'],
      'revoked',
      actor.ref,
      note,
    );
  }

  /** See ExceptionEnforcer.enforce: the scheduled task calls this. */
  enforce(): Promise<void> {
    return this.enforcer.enforce();
  }

  /** The parameters with the carve-outs in force, for documents and views. */
  parameters(): Promise<GuardrailParameters> {
    return this.enforcer.parameters();
  }

  private async decide(
    exception: GuardrailException,
    from: Array<'pending' | 'approved'>,
    to: 'approved' | 'rejected' | 'revoked',
    by: string,
    note?: string,
  ) {
    const decided = await this.options.store.move(exception.id, from, to, {
      by,
      note,
      at: this.now(),
    });
    if (!decided) {
      throw new ConflictError(
        `Exception ${exception.id} was decided meanwhile; reload it`,
      );
    }
    const action = (
      { approved: 'approve', rejected: 'reject', revoked: 'revoke' } as const
    )[to];
    await this.options.records.audit(
      by,
      decided.project,
      `exception.${action}`,
      { ...exceptionDetail(decided), note },
    );
    if (to !== 'rejected') await this.enforcer.enforce();
    await this.notifier.tellOwner(
      decided.project,
      `${decided.project}: exception for ${decided.guardrailId} on ${decided.accountId} ${to}`,
      `${by} ${to} it${note ? `: ${note}` : ''}.`,
    );
    return (await this.options.store.get(exception.id, this.now()))!;
  }

  private isApprover(
    credentials: BackstageCredentials,
    actor: { ownership: string[] },
  ) {
    return this.options.access.memberAllowed(
      credentials,
      actor,
      this.options.approverGroups,
      mlEnvironmentsExceptionApprovePermission,
    );
  }

  private authorizeDecision(
    credentials: BackstageCredentials,
    actor: { ownership: string[] },
  ) {
    return this.options.access.requireMemberAllowed(
      credentials,
      actor,
      {
        groups: this.options.approverGroups,
        what: 'exceptions are',
        setting: 'mlEnvironments.exceptions.approverGroups',
      },
      mlEnvironmentsExceptionApprovePermission,
    );
  }

  /** Refuses, before any change, an approval whose SCP would outgrow AWS's limit. */
  private async checkCarveOutFits(exception: GuardrailException) {
    const guardrail = findGuardrail(exception.guardrailId);
    if (guardrail?.kind !== 'scp') {
      throw new ConflictError(
        `${exception.guardrailId} is not an SCP guardrail of this version of the suite; reject the exception`,
      );
    }
    const parameters = await this.parameters();
    const policy = scpOfGuardrail(guardrail, {
      ...parameters,
      exemptions: [
        ...parameters.exemptions!,
        { ...exception, exceptionId: exception.id },
      ],
    });
    const problems = await validateScpContent(policy.name, policy.content);
    if (problems.length > 0) {
      throw new InputError(
        `Approving would make an SCP AWS refuses: ${problems.join('; ')}`,
      );
    }
  }

  private async applicableGuardrails(accountId: string) {
    const snapshot = await this.options.snapshots.latestSnapshot();
    const status =
      snapshot &&
      evaluateAccountGuardrails(
        snapshot,
        accountId,
        this.options.baseline,
        this.options.parameters,
      );
    if (!status) {
      throw new NotFoundError(
        `Account ${accountId} is not in the organization snapshot yet; refresh the snapshot and ask again`,
      );
    }
    return status.guardrails.map(g => g.guardrailId);
  }

  private async getOrNotFound(id: string) {
    const exception = await this.options.store.get(id, this.now());
    if (!exception) throw new NotFoundError(`No guardrail exception ${id}`);
    return exception;
  }
}
