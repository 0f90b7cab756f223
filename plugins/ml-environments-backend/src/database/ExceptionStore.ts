import {
  GuardrailException,
  GuardrailExceptionState,
  GuardrailExemption,
} from '@mlgov/plugin-ml-environments-common';
import { ApprovalRequestRow, ApprovalStore } from './ApprovalStore';

/** What the table holds; `active` and `expired` are an approved one before and past its end. */
export type StoredExceptionStatus =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'revoked';

/** An exception as it is asked for. */
export type ExceptionRequestRow = ApprovalRequestRow &
  Pick<GuardrailException, 'guardrailId' | 'endsAt'>;

/**
 * The suite's record of guardrail exceptions: the authority on which
 * carve-outs AWS should hold, and what the enforcer saw in AWS.
 */
export interface ExceptionStore
  extends ApprovalStore<
    GuardrailException,
    ExceptionRequestRow,
    GuardrailExceptionState,
    StoredExceptionStatus
  > {
  /** The carve-outs AWS should hold now: approved, before their end. */
  exemptions(now: Date): Promise<GuardrailExemption[]>;
  /**
   * Exceptions whose carve-out should be in AWS but was not yet seen there,
   * and ended ones whose carve-out was not yet seen gone.
   */
  unsettled(now: Date): Promise<GuardrailException[]>;
  markApplied(ids: string[], now: Date): Promise<void>;
  /** Marks carve-outs seen gone; the ids this call marked (once across replicas). */
  markRemoved(ids: string[], now: Date): Promise<string[]>;
  /** Records that a reminder was sent; false when it already was (by any replica). */
  remind(id: string, reminder: '7d' | '1d'): Promise<boolean>;
}
