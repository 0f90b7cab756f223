import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DefaultApiClient,
  DataGrant,
  Dataset,
  GuardrailAssessment,
  GuardrailException,
  NameAvailability,
  OrganizationView,
  ProductUpdateResult,
  ProjectCost,
  ProjectSpendList,
  ProjectLayout,
  ProjectRecord,
  RefreshProgress,
  StudioProfile,
  StudioUrl,
  TargetGuardrailsView,
  TypedResponse,
} from '@mlgov/plugin-ml-environments-common';
import { Decision, MlEnvironmentsApi } from './MlEnvironmentsApi';

/**
 * Calls the ml-environments backend with the user's credentials, through
 * the client generated from the backend's OpenAPI document.
 *
 * @public
 */
export class MlEnvironmentsClient implements MlEnvironmentsApi {
  private readonly api: DefaultApiClient;
  private readonly pollIntervalMs: number;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** How often a refresh's progress is read. Defaults to 1 s. */
    pollIntervalMs?: number;
  }) {
    this.api = new DefaultApiClient(options);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  async getProject(project: string): Promise<ProjectLayout> {
    return body(await this.api.getProject({ path: { project } }));
  }

  async getOrganization(): Promise<OrganizationView> {
    return body(await this.api.getOrganization());
  }

  async getTargetGuardrails(targetId: string): Promise<TargetGuardrailsView> {
    return body(await this.api.getTargetGuardrails({ path: { id: targetId } }));
  }

  async getProjectRecord(project: string): Promise<ProjectRecord | undefined> {
    const response = await this.api.getProjectRecord({ path: { project } });
    return response.status === 404 ? undefined : body(response);
  }

  async getProjectAvailability(project: string): Promise<NameAvailability> {
    return body(await this.api.getProjectAvailability({ path: { project } }));
  }

  async refresh(): Promise<RefreshProgress> {
    const { refreshId } = await body(await this.api.refresh());
    // The backend answers at once; the refresh's progress says when it ends.
    for (;;) {
      const progress = await body(
        await this.api.getRefresh({ path: { refreshId } }),
      );
      if (progress.state === 'failed') {
        throw new Error(progress.error ?? 'The refresh failed');
      }
      if (progress.state === 'succeeded') return progress;
      await new Promise(resolve => setTimeout(resolve, this.pollIntervalMs));
    }
  }

  async createStudioUrl(project: string): Promise<StudioUrl> {
    return body(await this.api.createStudioUrl({ path: { project } }));
  }

  async assessGuardrails(project: string): Promise<GuardrailAssessment> {
    return body(await this.api.assessProjectGuardrails({ path: { project } }));
  }

  async getProjectCost(project: string): Promise<ProjectCost> {
    return body(await this.api.getProjectCost({ path: { project } }));
  }

  async listProjectCosts(): Promise<ProjectSpendList> {
    return body(await this.api.listProjectCosts());
  }

  async createStudioProfile(project: string): Promise<StudioProfile> {
    return body(await this.api.createStudioProfile({ path: { project } }));
  }

  async listExceptions(project: string): Promise<GuardrailException[]> {
    const { items } = await body(
      await this.api.listGuardrailExceptions({ query: { project } }),
    );
    return items;
  }

  async decideException(
    id: string,
    decision: 'approve' | 'reject' | 'revoke',
    note?: string,
  ): Promise<GuardrailException> {
    const request = {
      path: { exceptionId: id },
      body: note ? { note } : {},
    };
    const call = {
      approve: () => this.api.approveGuardrailException(request),
      reject: () => this.api.rejectGuardrailException(request),
      revoke: () => this.api.revokeGuardrailException(request),
    }[decision];
    return body(await call());
  }

  async updateProjectProduct(
    project: string,
    accountId: string,
    product: string,
  ): Promise<ProductUpdateResult> {
    return body(
      await this.api.updateProjectProduct({
        path: { project },
        body: { accountId, product },
      }),
    );
  }

  async listDatasets(): Promise<Dataset[]> {
    return (await body(await this.api.listDatasets())).items;
  }

  async listDataGrants(project: string): Promise<DataGrant[]> {
    const { items } = await body(
      await this.api.listDataGrants({ query: { project } }),
    );
    return items;
  }

  async decideDataGrant(
    id: string,
    decision: Decision,
    note?: string,
  ): Promise<DataGrant> {
    const request = { path: { grantId: id }, body: note ? { note } : {} };
    const call = {
      approve: () => this.api.approveDataGrant(request),
      reject: () => this.api.rejectDataGrant(request),
      revoke: () => this.api.revokeDataGrant(request),
    }[decision];
    return body(await call());
  }
}

async function body<T>(response: TypedResponse<T>): Promise<T> {
  if (!response.ok) {
    throw await ResponseError.fromResponse(response as Response);
  }
  return response.json();
}
