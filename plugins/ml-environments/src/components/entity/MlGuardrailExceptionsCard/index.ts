export { MlGuardrailExceptionsCard } from './MlGuardrailExceptionsCard';
