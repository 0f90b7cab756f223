export { MlScorecardCard } from './MlScorecardCard';
