import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  GuardrailBaseline,
  GuardrailException,
  GuardrailExceptionRequest,
  GuardrailParameters,
  evaluateAccountGuardrails,
  findGuardrail,
  scpOfGuardrail,
  validateExceptionRequest,
} from '@mlgov/plugin-ml-environments-common';
import { validateScpContent } from '@mlgov/plugin-ml-environments-node';
import { MlEnvironmentsStore } from '../../../database/MlEnvironmentsStore';
import { StoredExceptionStatus } from '../../../database/ExceptionStore';
import { ApprovalDecision, ApprovalPolicy } from '../ApprovalPolicy';
import { APPROVAL_KINDS } from '../kinds';
import { ExceptionEnforcer } from './ExceptionEnforcer';

/** The notifications' topic, for users to filter or mute them. */
export const EXCEPTIONS_TOPIC = 'ml-environments-exceptions';

/** What an exception's audit entries and notices say about it. */
export function exceptionDetail(e: GuardrailException) {
  return {
    exceptionId: e.id,
    accountId: e.accountId,
    guardrailId: e.guardrailId,
    endsAt: e.endsAt,
  };
}

const PAST = { approve: 'approved', reject: 'rejected', revoke: 'revoked' };

/**
 * Guardrail exceptions: one account lifted out of one SCP guardrail until
 * a date. An approval is refused before any change when the carve-out would
 * make an SCP AWS refuses; after every approval and revocation the enforcer
 * makes the SCPs in AWS carry exactly the approved, unexpired carve-outs.
 */
export class GuardrailExceptionPolicy
  implements
    ApprovalPolicy<
      GuardrailException,
      GuardrailExceptionRequest,
      StoredExceptionStatus
    >
{
  readonly kind = APPROVAL_KINDS.exception;
  readonly deciderGroups: string[];
  readonly approvedState = 'approved';

  constructor(
    private readonly options: {
      enforcer: ExceptionEnforcer;
      snapshots: Pick<MlEnvironmentsStore, 'latestSnapshot'>;
      baseline: GuardrailBaseline;
      parameters: GuardrailParameters;
      /** Longest an exception may last. */
      maxDays: number;
      approverGroups: string[];
    },
  ) {
    this.deciderGroups = options.approverGroups;
  }

  available() {}

  async problems(request: GuardrailExceptionRequest, now: Date) {
    return validateExceptionRequest(request, {
      now,
      maxDays: this.options.maxDays,
      applicable: await this.applicableGuardrails(request.accountId),
    });
  }

  sameAs(open: GuardrailException, request: GuardrailExceptionRequest) {
    return (
      open.accountId === request.accountId &&
      open.guardrailId === request.guardrailId
    );
  }

  fieldsOf(request: GuardrailExceptionRequest) {
    return {
      guardrailId: request.guardrailId,
      endsAt: new Date(request.endsAt).toISOString(),
    };
  }

  what() {
    return 'A guardrail exception';
  }

  approvesOnRequest() {
    return false;
  }

  async beforeApprove(exception: GuardrailException, now: Date) {
    if (new Date(exception.endsAt) <= now) {
      throw new ConflictError(
        `Exception ${exception.id} ended on ${exception.endsAt} before it was approved; ask again`,
      );
    }
    await this.checkCarveOutFits(exception);
  }

  async beforeRevoke() {}

  async afterDecision(
    _exception: GuardrailException,
    decision: ApprovalDecision,
  ) {
    if (decision !== 'reject') await this.options.enforcer.enforce();
  }

  detail(exception: GuardrailException) {
    return exceptionDetail(exception);
  }

  async requestNotice(e: GuardrailException) {
    const { guardrail, account } = await this.namesOf(e);
    return {
      title: `${e.project} asks to lift ${guardrail} on ${account}`,
      description: `${e.requestedBy} asks until ${e.endsAt.slice(0, 10)}: ${
        e.reason
      }`,
    };
  }

  async decisionNotice(
    e: GuardrailException,
    decision: ApprovalDecision,
    by: string,
    note?: string,
  ) {
    const to = PAST[decision];
    const { guardrail, account } = await this.namesOf(e);
    return {
      title: `${e.project}: exception for ${guardrail} on ${account} ${to}`,
      description: `${by} ${to} it${note ? `: ${note}` : ''}.`,
    };
  }

  /** What people call the guardrail and the account, ids in brackets. */
  private async namesOf(e: GuardrailException) {
    const title = findGuardrail(e.guardrailId)?.title;
    const snapshot = await this.options.snapshots.latestSnapshot();
    const name = snapshot?.accounts?.find(a => a.id === e.accountId)?.name;
    return {
      guardrail: title ? `'${title}' (${e.guardrailId})` : e.guardrailId,
      account: name ? `${name} (${e.accountId})` : e.accountId,
    };
  }

  /** Refuses, before any change, an approval whose SCP would outgrow AWS's limit. */
  private async checkCarveOutFits(exception: GuardrailException) {
    const guardrail = findGuardrail(exception.guardrailId);
    if (guardrail?.kind !== 'scp') {
      throw new ConflictError(
        `${exception.guardrailId} is not an SCP guardrail of this version of the suite; reject the exception`,
      );
    }
    const parameters = await this.options.enforcer.parameters();
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
}
