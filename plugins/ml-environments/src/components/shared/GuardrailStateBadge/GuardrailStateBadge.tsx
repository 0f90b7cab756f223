import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { GuardrailState } from '@mlgov/plugin-ml-environments-common';

/** Which of Backstage's status kinds a guardrail state shows as. */
export function guardrailStatusKind(
  state: GuardrailState,
): 'ok' | 'excepted' | 'pending' | 'warning' | 'error' {
  switch (state) {
    case 'ok':
      return 'ok';
    case 'excepted':
      return 'excepted';
    case 'unknown':
      return 'pending';
    case 'drifted':
      return 'warning';
    default:
      return 'error';
  }
}

/** How a guardrail state reads, wherever it is shown. */
export function guardrailStateLabel(
  state: GuardrailState,
  okLabel = 'guardrails ok',
): string {
  if (state === 'ok') return okLabel;
  if (state === 'unknown') return 'status unknown';
  return state;
}

const STATUS = {
  ok: StatusOK,
  // Lifted on purpose until a date: not a fault, but not holding either.
  excepted: StatusAborted,
  pending: StatusPending,
  warning: StatusWarning,
  error: StatusError,
};

/** A status badge for a guardrail state. */
export function GuardrailStateBadge({
  state,
  okLabel,
}: {
  state: GuardrailState;
  /** What `ok` reads as; a single guardrail's row says just "ok". */
  okLabel?: string;
}) {
  const Status = STATUS[guardrailStatusKind(state)];
  return <Status>{guardrailStateLabel(state, okLabel)}</Status>;
}
