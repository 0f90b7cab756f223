export { GuardrailDetailsDrawer } from './GuardrailDetailsDrawer';
export type { GuardrailDetailsTarget } from './GuardrailDetailsDrawer';
export { placementOf } from './whatToDo';
export type { AccountPlacement } from './whatToDo';
