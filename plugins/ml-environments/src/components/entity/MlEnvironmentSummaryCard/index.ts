export { MlEnvironmentSummaryCard } from './MlEnvironmentSummaryCard';
