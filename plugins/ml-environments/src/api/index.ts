export { mlEnvironmentsApiRef } from './MlEnvironmentsApi';
export type { Decision, MlEnvironmentsApi } from './MlEnvironmentsApi';
export { MlEnvironmentsClient } from './MlEnvironmentsClient';
export { backendError } from './backendError';
