import { JsonValue } from '@backstage/types';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  isServerError,
  isThrottlingError,
  isTransientError,
} from '@smithy/core/retry';
import type { SdkError } from '@smithy/types';
import { CONFLICT_ERRORS } from '../retry';

/** Stands in for ids of things a dry run would create. */
export const DRY_RUN_ID = 'dry-run';

/**
 * What the "ensure" operations need from whoever runs them (a scaffolder
 * task): logging, dry-run, checkpoints (so a recovered run does not repeat a
 * mutation), the abort signal and how long to wait for asynchronous AWS work.
 *
 * @public
 */
export interface ProvisioningStep {
  logger: LoggerService;
  isDryRun: boolean;
  checkpoint<T extends JsonValue | void>(
    key: string,
    fn: () => Promise<T>,
  ): Promise<T>;
  signal?: AbortSignal;
  pollIntervalMs: number;
  timeoutMs: number;
}

/** @public */
export function throwIfAborted(step: ProvisioningStep, doing: string) {
  if (step.signal?.aborted) {
    throw new Error(`The task was cancelled while ${doing}`);
  }
}

/** Throttling, a conflict, a server or network error: worth reading again. */
function transient(error: unknown): boolean {
  const e = error as SdkError;
  return (
    CONFLICT_ERRORS.has(e?.name) ||
    isThrottlingError(e) ||
    isTransientError(e) ||
    isServerError(e)
  );
}

/** Reads until `done` holds, logging progress; fails after the step's timeout. @public */
export async function poll<T>(
  step: ProvisioningStep,
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  describe: (value: T) => string,
): Promise<T> {
  const deadline = Date.now() + step.timeoutMs;
  for (;;) {
    throwIfAborted(step, `waiting for ${what}`);
    let value: T;
    try {
      value = await read();
    } catch (error) {
      // The SDK has retried the read already; a poll has time to wait for
      // the next interval too, until its deadline (as AWS's waiters do).
      if (!transient(error) || Date.now() > deadline) throw error;
      step.logger.warn(
        `Reading ${what} failed for now (${
          (error as Error).name
        }); reading again at the next poll`,
      );
      await new Promise(resolve => setTimeout(resolve, step.pollIntervalMs));
      continue;
    }
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Gave up waiting for ${what} after ${Math.round(
          step.timeoutMs / 1000,
        )}s; last state: ${describe(value)}. Run the template again to resume`,
      );
    }
    step.logger.info(`Waiting for ${what}: ${describe(value)}`);
    await new Promise(resolve => setTimeout(resolve, step.pollIntervalMs));
  }
}
