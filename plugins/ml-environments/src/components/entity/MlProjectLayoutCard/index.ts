export { MlProjectLayoutCard } from './MlProjectLayoutCard';
