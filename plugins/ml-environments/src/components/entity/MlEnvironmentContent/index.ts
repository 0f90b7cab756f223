export { MlEnvironmentContent } from './MlEnvironmentContent';
