import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Decision, backendError } from '../../../api';
import { useRequestsSignal } from '../useSnapshotSignal';

/**
 * A list of requests (exceptions, data grants) and what deciding one does:
 * the backend's refusal is kept to show, and the list is read again after,
 * and whenever the backend says requests changed (someone else decided).
 */
export function useDecisions<T extends { id: string }>(
  load: () => Promise<T[]>,
  decideOn: (id: string, decision: Decision) => Promise<unknown>,
  deps: unknown[],
) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const changed = useRequestsSignal();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const {
    value: items,
    loading,
    error,
    retry,
  } = useAsyncRetry(load, [...deps, changed]);
  const decide = async (item: T, decision: Decision) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await decideOn(item.id, decision);
    } catch (e) {
      setProblem(backendError(e).message ?? String(e));
    } finally {
      setBusy(false);
      retry();
    }
  };
  return { items, loading, error, busy, problem, decide };
}
