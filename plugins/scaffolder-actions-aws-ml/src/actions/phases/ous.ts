import {
  ensureOuRegistered,
  registeredOus,
  throwIfAborted,
} from '@mlgov/plugin-ml-environments-node';
import { EnsuredOu, OuPhaseResult, PhaseContext } from './context';

/**
 * The OUs phase: every OU of the plan, made when missing (each parent read
 * once, siblings side by side), then registered with Control Tower, parents
 * first. Registration enables a baseline, and AWS Control Tower runs one
 * such operation at a time (only control operations and Account Factory's
 * account operations may run concurrently: Control Tower User Guide,
 * "Limitations and quotas", concurrency limitations), so the OUs register
 * one after another. Returns at once with a promise per OU that settles
 * when it is registered, so the other phases wait only for the OUs they use.
 */
export async function ousPhase(ctx: PhaseContext): Promise<OuPhaseResult> {
  const { plan, step, resolver } = ctx;
  throwIfAborted(step, 'creating OUs');
  const ensured = await Promise.all(
    plan.organizationalUnits.map(async path => ({
      path,
      ...(await resolver.ensure(path, step)),
    })),
  );
  const ous = new Map<string, EnsuredOu>(ensured.map(ou => [ou.path, ou]));
  // Controls and Account Factory work only on OUs registered with Control
  // Tower. The plan lists parents before children.
  // Those already registered are read at once; only the others wait in line.
  const already = await registeredOus(
    ctx.controlTower,
    ensured.map(ou => ou.arn),
  );
  const registered = new Map<string, Promise<void>>();
  let previous: Promise<void> = Promise.resolve();
  for (const ou of ensured) {
    if (already.has(ou.arn)) {
      step.logger.info(`OU ${ou.path} is registered with Control Tower`);
      registered.set(ou.path, Promise.resolve());
      continue;
    }
    const done = previous.then(() => {
      throwIfAborted(step, 'registering OUs');
      return ensureOuRegistered(ctx.controlTower, ou, step);
    });
    // A failure is reported by whoever waits for this OU, and stops the rest.
    done.catch(() => undefined);
    registered.set(ou.path, done);
    previous = done;
  }
  return { ous, registered };
}
