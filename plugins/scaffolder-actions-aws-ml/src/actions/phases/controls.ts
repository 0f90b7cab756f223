import {
  concurrencyLimit,
  ensureControlsEnabled,
  throwIfAborted,
} from '@mlgov/plugin-ml-environments-node';
import { OuPhaseResult, PhaseContext, settleAll } from './context';
import { SharedChanges } from '../provisionProject.sharedChanges';

/**
 * Control operations in flight at once. AWS Control Tower lets control
 * operations run concurrently, up to 10 at a time counted across console
 * and API (Control Tower User Guide, "Limitations and quotas"; the current
 * guide says 100, the suite keeps to the lower figure it was written
 * against), beside the one baseline operation it runs at a time. The suite
 * leaves room for other work in the organization.
 */
export const MAX_CONTROL_OPERATIONS = 5;

/** The controls phase's progress: per OU path, and all of it. */
export interface ControlsProgress {
  byOu: Map<string, Promise<unknown>>;
  all: Promise<unknown>;
}

/**
 * The controls phase: each OU's controls enabled once the OU is registered,
 * controls of all OUs side by side, at most MAX_CONTROL_OPERATIONS at once.
 */
export function controlsPhase(
  ctx: PhaseContext,
  { ous, registered }: OuPhaseResult,
  shared: SharedChanges,
): ControlsProgress {
  const { plan, step, deps } = ctx;
  const limit = concurrencyLimit(MAX_CONTROL_OPERATIONS);
  const each = plan.controls.map(c =>
    limit(async () => {
      await registered.get(c.ouPath);
      throwIfAborted(step, 'enabling controls');
      const ou = ous.get(c.ouPath)!;
      await ensureControlsEnabled(
        ctx.controlTower,
        deps.clients.awsConfig.region,
        ou,
        [c.controlId],
        step,
        controlId =>
          shared.allow(
            { id: ou.id, label: `OU ${ou.path}`, root: false },
            `enables control ${controlId}`,
            step,
          ),
      );
    }),
  );
  const byOu = new Map<string, Promise<unknown>>();
  for (const path of new Set(plan.controls.map(c => c.ouPath))) {
    const mine = Promise.all(
      each.filter((_, i) => plan.controls[i].ouPath === path),
    );
    mine.catch(() => undefined);
    byOu.set(path, mine);
  }
  return { byOu, all: settleAll(each) };
}
