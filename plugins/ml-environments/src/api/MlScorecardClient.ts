import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ML_FACT_RETRIEVERS,
  MlScorecardApi,
  MlScorecardResult,
} from './MlScorecardApi';

/** A check result as Tech Insights' JSON-rules checker answers it. */
type CheckResult = {
  result: boolean;
  check: {
    id: string;
    name: string;
    description: string;
    factIds: string[];
    metadata?: { remediation?: string };
  };
};

/** Entities per bulk request. */
const BATCH = 500;

const ofSuite = (results: CheckResult[]): MlScorecardResult[] =>
  results
    .filter(r => r.check.factIds.some(id => ML_FACT_RETRIEVERS.includes(id)))
    .map(({ result, check }) => ({
      checkId: check.id,
      name: check.name,
      description: check.description,
      passed: result,
      ...(!result && check.metadata?.remediation
        ? { remediation: check.metadata.remediation }
        : {}),
    }));

/**
 * Runs the suite's checks through the Tech Insights backend with the user's
 * credentials. A 404 means no Tech Insights (or no fact checker, whose
 * routes are then absent) in this Backstage.
 *
 * @public
 */
export class MlScorecardClient implements MlScorecardApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async post(path: string, body: object) {
    const base = await this.options.discoveryApi.getBaseUrl('tech-insights');
    const response = await this.options.fetchApi.fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }

  async runChecks(entityRef: string) {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const results: CheckResult[] | undefined = await this.post(
      `/checks/run/${encodeURIComponent(namespace)}/${encodeURIComponent(
        kind,
      )}/${encodeURIComponent(name)}`,
      {},
    );
    return results && ofSuite(results);
  }

  async runChecksForEntities(entityRefs: string[]) {
    const byRef = new Map<string, MlScorecardResult[]>();
    // In batches: a thousand refs stay well under the backend's body limit.
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      const answers:
        | Array<{ entity: string; results: CheckResult[] }>
        | undefined = await this.post('/checks/run', {
        entities: entityRefs.slice(i, i + BATCH),
      });
      if (!answers) return undefined;
      for (const { entity, results } of answers) {
        byRef.set(entity, ofSuite(results));
      }
    }
    return byRef;
  }
}
