import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { ProvisioningStep } from '@mlgov/plugin-ml-environments-node';

/** A scaffolder task as the AWS "ensure" operations of -node see it. */
export function stepOf(
  ctx: ActionContext<any, any, any>,
  timing: { pollIntervalMs: number; timeoutMs: number },
): ProvisioningStep {
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
