export { MlGuardrailAssessmentCard } from './MlGuardrailAssessmentCard';
