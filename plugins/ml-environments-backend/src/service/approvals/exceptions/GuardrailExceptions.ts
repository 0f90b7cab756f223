import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  GuardrailBaseline,
  GuardrailException,
  GuardrailExceptionRequest,
  GuardrailExemption,
  GuardrailParameters,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import {
  ExceptionStore,
  StoredExceptionStatus,
} from '../../../database/ExceptionStore';
import { MlEnvironmentsStore } from '../../../database/MlEnvironmentsStore';
import { ApprovalNotifier } from '../ApprovalNotifier';
import { ApprovalWorkflow, ApprovalWorkflowOptions } from '../ApprovalWorkflow';
import { ExceptionEnforcer } from './ExceptionEnforcer';
import {
  EXCEPTIONS_TOPIC,
  GuardrailExceptionPolicy,
} from './GuardrailExceptionPolicy';

/**
 * Guardrail exceptions from request to decision (see ApprovalWorkflow), and
 * the enforcer that the scheduled task and every decision run: the record
 * decides, AWS is only brought in line with it.
 */
export class GuardrailExceptions extends ApprovalWorkflow<
  GuardrailException,
  GuardrailExceptionRequest,
  StoredExceptionStatus
> {
  private readonly enforcer: ExceptionEnforcer;

  constructor(
    options: Omit<
      ApprovalWorkflowOptions<GuardrailException, StoredExceptionStatus>,
      'notifier' | 'store'
    > & {
      store: ExceptionStore;
      snapshots: Pick<MlEnvironmentsStore, 'latestSnapshot'>;
      clients: Pick<MlAwsClients, 'organizations'>;
      baseline: GuardrailBaseline;
      parameters: GuardrailParameters;
      notifications: NotificationService;
      logger: LoggerService;
      /** Longest an exception may last. */
      maxDays: number;
      /** Who decides, and is told of new requests. */
      approverGroups: string[];
    },
  ) {
    const now = options.now ?? (() => new Date());
    const notifier = new ApprovalNotifier({
      ...options,
      topic: EXCEPTIONS_TOPIC,
      deciders: options.approverGroups,
      requestSeverity: 'high',
    });
    const enforcer = new ExceptionEnforcer({ ...options, notifier, now });
    super(new GuardrailExceptionPolicy({ ...options, enforcer }), {
      ...options,
      notifier,
      now,
    });
    this.enforcer = enforcer;
  }

  /** See ExceptionEnforcer.enforce: the scheduled task calls this. */
  enforce(): Promise<void> {
    return this.enforcer.enforce();
  }

  /** The parameters with the carve-outs in force, for documents and views. */
  parameters(): Promise<GuardrailParameters> {
    return this.enforcer.parameters();
  }

  /** The carve-outs of approved exceptions in force, from the record. */
  async exemptions(): Promise<GuardrailExemption[]> {
    return (await this.parameters()).exemptions ?? [];
  }
}
