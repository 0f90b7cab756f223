export {
  GuardrailStateBadge,
  guardrailStateLabel,
  guardrailStatusKind,
} from './GuardrailStateBadge';
export { problemAge } from './problemAge';
