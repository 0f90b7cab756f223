/**
 * Tech Insights fact retrievers for governed ML environments on AWS.
 *
 * @packageDocumentation
 */

export { techInsightsModuleMlEnvironments as default } from './module';
export {
  ML_ACCOUNT_FACTS_ID,
  ML_PROJECT_FACTS_ID,
  createMlAccountFactRetriever,
  createMlProjectFactRetriever,
  type MlEnvironmentsFactOptions,
} from './retrievers';
export { type SuiteReader } from './suiteReader';
