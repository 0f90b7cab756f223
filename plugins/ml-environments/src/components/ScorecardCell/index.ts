export { ScorecardCell } from './ScorecardCell';
