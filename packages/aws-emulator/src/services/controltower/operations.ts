/**
 * Operation tracking for Control Tower: the asynchronous control and baseline
 * operations, their concurrency limits and completion; split from index.ts
 * and landingzone.ts so both share one place for it.
 */
import { AwsError } from '../../errors.ts';
import type { CallContext } from '../../context.ts';
import { ids } from '../../ids.ts';
import type {
  BaselineOperationRecord,
  ControlOperationRecord,
  EnabledBaselineRecord,
} from '../../state.ts';

const MAX_CONCURRENT_OPERATIONS = 10;

export function startOperation(
  ctx: CallContext,
  fields: Omit<
    ControlOperationRecord,
    'operationIdentifier' | 'status' | 'startTime'
  >,
  complete: () => void,
): ControlOperationRecord {
  const { state, config } = ctx;
  const running = [...state.controlOperations.values()].filter(
    o => o.status === 'IN_PROGRESS',
  );
  if (running.length >= MAX_CONCURRENT_OPERATIONS) {
    throw new AwsError(
      'ServiceQuotaExceededException',
      `${running.length} control operations are in progress; at most ${MAX_CONCURRENT_OPERATIONS} may run at once.`,
      { status: 402 },
    );
  }
  if (
    running.some(
      o =>
        o.controlIdentifier === fields.controlIdentifier &&
        o.targetIdentifier === fields.targetIdentifier,
    )
  ) {
    throw new AwsError(
      'ConflictException',
      'An operation on this control and target is already in progress.',
      { status: 409 },
    );
  }
  const operation: ControlOperationRecord = {
    ...fields,
    operationIdentifier: ids.operation(),
    status: 'IN_PROGRESS',
    startTime: new Date(),
  };
  state.controlOperations.set(operation.operationIdentifier, operation);
  state.later(config.asyncDelayMs, () => {
    try {
      complete();
      operation.status = 'SUCCEEDED';
    } catch (error) {
      operation.status = 'FAILED';
      operation.statusMessage = (error as Error).message;
    }
    operation.endTime = new Date();
  });
  return operation;
}

export function startBaselineOperation(
  ctx: CallContext,
  operationType: BaselineOperationRecord['operationType'],
  baseline: EnabledBaselineRecord,
  apply: () => void,
) {
  const operation: BaselineOperationRecord = {
    operationIdentifier: ids.operation(),
    operationType,
    status: 'IN_PROGRESS',
    startTime: new Date(),
  };
  ctx.state.baselineOperations.set(operation.operationIdentifier, operation);
  baseline.status = 'UNDER_CHANGE';
  baseline.lastOperationIdentifier = operation.operationIdentifier;
  ctx.state.later(ctx.config.asyncDelayMs, () => {
    apply();
    baseline.status = 'SUCCEEDED';
    operation.status = 'SUCCEEDED';
    operation.endTime = new Date();
  });
  return operation;
}
