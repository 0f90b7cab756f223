export { GuardrailStateBadge } from './GuardrailStateBadge';
