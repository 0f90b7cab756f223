import { createApiRef } from '@backstage/core-plugin-api';

/**
 * The fact retrievers of the suite's Tech Insights module: a check that
 * reads one of them is one of the suite's.
 */
export const ML_FACT_RETRIEVERS = [
  'mlEnvironmentsProjectFacts',
  'mlEnvironmentsAccountFacts',
];

/** One of the suite's checks, run on one entity. @public */
export interface MlScorecardResult {
  checkId: string;
  name: string;
  description: string;
  passed: boolean;
  /** What to do about it, for a check that failed (its failureMetadata). */
  remediation?: string;
}

/**
 * The suite's scorecards, from the Tech Insights backend
 * (`/api/tech-insights`), which an app may not have installed.
 *
 * @public
 */
export interface MlScorecardApi {
  /**
   * The suite's checks run on one entity (`kind:namespace/name`), or
   * undefined when Tech Insights (or its JSON-rules checker) is not installed.
   */
  runChecks(entityRef: string): Promise<MlScorecardResult[] | undefined>;
  /** The same for many entities at once, by entity ref. */
  runChecksForEntities(
    entityRefs: string[],
  ): Promise<Map<string, MlScorecardResult[]> | undefined>;
}

/** @public */
export const mlScorecardApiRef = createApiRef<MlScorecardApi>({
  id: 'plugin.ml-environments.scorecards',
});
