import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { GuardrailState } from '@mlgov/plugin-ml-environments-common';

/** A status badge for a guardrail state. */
export function GuardrailStateBadge({
  state,
  okLabel = 'guardrails ok',
}: {
  state: GuardrailState;
  /** What `ok` reads as; a single guardrail's row says just "ok". */
  okLabel?: string;
}) {
  switch (state) {
    case 'ok':
      return <StatusOK>{okLabel}</StatusOK>;
    case 'unknown':
      return <StatusPending>status unknown</StatusPending>;
    case 'drifted':
      return <StatusWarning>drifted</StatusWarning>;
    default:
      return <StatusError>{state}</StatusError>;
  }
}
