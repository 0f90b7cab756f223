import { JsonValue } from '@backstage/types';
import { LoggerService } from '@backstage/backend-plugin-api';

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
    const value = await read();
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
