import { GuardrailState } from '../schema/openapi/generated/models';

// Least to most urgent: what a roll-up shows first.
const SEVERITY: GuardrailState[] = [
  'ok',
  'excepted',
  'unknown',
  'drifted',
  'non-compliant',
  'missing',
];

/** The worst of several states (`ok` when there are none). @public */
export function worstState(states: GuardrailState[]): GuardrailState {
  return states.reduce<GuardrailState>(
    (worst, s) => (SEVERITY.indexOf(s) > SEVERITY.indexOf(worst) ? s : worst),
    'ok',
  );
}
