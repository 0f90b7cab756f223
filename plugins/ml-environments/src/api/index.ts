export { mlEnvironmentsApiRef } from './MlEnvironmentsApi';
export type { Decision, MlEnvironmentsApi } from './MlEnvironmentsApi';
export { MlEnvironmentsClient } from './MlEnvironmentsClient';
export { backendError } from './backendError';
export { mlScorecardApiRef } from './MlScorecardApi';
export type { MlScorecardApi, MlScorecardResult } from './MlScorecardApi';
export { MlScorecardClient } from './MlScorecardClient';
