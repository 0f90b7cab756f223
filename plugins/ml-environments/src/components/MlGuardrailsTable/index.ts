export { MlGuardrailsTable } from './MlGuardrailsTable';
