export { GuardrailDetailsDrawer } from './GuardrailDetailsDrawer';
export type { GuardrailDetailsTarget } from './GuardrailDetailsDrawer';
