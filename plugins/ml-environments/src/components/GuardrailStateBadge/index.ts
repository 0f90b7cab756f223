export {
  GuardrailStateBadge,
  guardrailStateLabel,
  guardrailStatusKind,
} from './GuardrailStateBadge';
