import { useSignal } from '@backstage/plugin-signals-react';
import {
  ML_ENVIRONMENTS_REQUESTS_SIGNAL_CHANNEL,
  ML_ENVIRONMENTS_SIGNAL_CHANNEL,
} from '@mlgov/plugin-ml-environments-common';

/**
 * Which snapshot the backend last announced, as a key that changes with
 * every save, for views to read the status again on their own; undefined
 * without the signals plugin (the views then show what they read when
 * opened). A first read publishes stage by stage under one `takenAt`, so
 * the key also carries how many sections are still loading: the view reads
 * again when the read completes, not only when it starts.
 */
export function useSnapshotSignal(): string | undefined {
  const { lastSignal } = useSignal<{ takenAt: string; loading?: number }>(
    ML_ENVIRONMENTS_SIGNAL_CHANNEL,
  );
  return lastSignal
    ? `${lastSignal.takenAt}/${lastSignal.loading ?? 0}`
    : undefined;
}

/**
 * When the backend last said that exceptions or data grants changed
 * (anyone's request, decision or its end), for cards to read their lists
 * again; undefined without the signals plugin.
 */
export function useRequestsSignal(): string | undefined {
  const { lastSignal } = useSignal<{ at: string }>(
    ML_ENVIRONMENTS_REQUESTS_SIGNAL_CHANNEL,
  );
  return lastSignal?.at;
}
