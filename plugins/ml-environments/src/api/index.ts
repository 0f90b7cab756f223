export { mlEnvironmentsApiRef } from './MlEnvironmentsApi';
export type { MlEnvironmentsApi } from './MlEnvironmentsApi';
export { MlEnvironmentsClient } from './MlEnvironmentsClient';
export { backendError } from './backendError';
