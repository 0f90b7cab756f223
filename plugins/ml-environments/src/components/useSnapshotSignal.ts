import { useSignal } from '@backstage/plugin-signals-react';
import { ML_ENVIRONMENTS_SIGNAL_CHANNEL } from '@mlgov/plugin-ml-environments-common';

/**
 * When the backend last announced a saved snapshot, for views to read the
 * status again on their own; undefined without the signals plugin (the
 * views then show what they read when opened).
 */
export function useSnapshotSignal(): string | undefined {
  const { lastSignal } = useSignal<{ takenAt: string }>(
    ML_ENVIRONMENTS_SIGNAL_CHANNEL,
  );
  return lastSignal?.takenAt;
}
