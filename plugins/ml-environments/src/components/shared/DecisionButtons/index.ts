export { DecisionButtons } from './DecisionButtons';
export { useDecisions } from './useDecisions';
