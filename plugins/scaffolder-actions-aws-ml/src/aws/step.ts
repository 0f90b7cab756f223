import { LoggerService } from '@backstage/backend-plugin-api';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonValue } from '@backstage/types';

/**
 * What the AWS operations need from the running task: logging, dry-run,
 * checkpoints (so a recovered task does not repeat a mutation), the abort
 * signal and how long to wait for asynchronous AWS work.
 */
export interface Step {
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

export function stepOf(
  ctx: ActionContext<any, any, any>,
  timing: { pollIntervalMs: number; timeoutMs: number },
): Step {
  return {
    logger: ctx.logger,
    isDryRun: Boolean(ctx.isDryRun),
    // A dry run mutates nothing, so it has nothing to remember.
    checkpoint: (key, fn) =>
      ctx.isDryRun ? fn() : ctx.checkpoint({ key, fn }),
    signal: ctx.signal,
    ...timing,
  };
}

export function throwIfAborted(step: Step, doing: string) {
  if (step.signal?.aborted) {
    throw new Error(`The task was cancelled while ${doing}`);
  }
}

/** Reads until `done` holds, logging progress; fails after the step's timeout. */
export async function poll<T>(
  step: Step,
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
