export { DecisionButtons } from './DecisionButtons';
