export { MlProjectCostCard } from './MlProjectCostCard';
