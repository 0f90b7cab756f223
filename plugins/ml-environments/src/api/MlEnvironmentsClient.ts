import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AccountPattern,
  OrganizationView,
  ProjectLayout,
  RefreshProgress,
} from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsApi } from './MlEnvironmentsApi';

/** Calls the ml-environments backend with the user's credentials. @public */
export class MlEnvironmentsClient implements MlEnvironmentsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
      /** How often a refresh's progress is read. Defaults to 1 s. */
      pollIntervalMs?: number;
    },
  ) {}

  async getProject(project: string): Promise<ProjectLayout> {
    return this.request(`/projects/${encodeURIComponent(project)}`);
  }

  async getOrganization(): Promise<OrganizationView> {
    return this.request('/organization');
  }

  async getPatterns(): Promise<AccountPattern[]> {
    const { items } = await this.request<{ items: AccountPattern[] }>(
      '/patterns',
    );
    return items;
  }

  async refresh(): Promise<RefreshProgress> {
    const { refreshId } = await this.request<{ refreshId: string }>(
      '/refresh',
      { method: 'POST' },
    );
    // The backend answers at once; the refresh's progress says when it ends.
    for (;;) {
      const progress = await this.request<RefreshProgress>(
        `/refresh/${encodeURIComponent(refreshId)}`,
      );
      if (progress.state === 'failed') {
        throw new Error(progress.error ?? 'The refresh failed');
      }
      if (progress.state === 'succeeded') return progress;
      await new Promise(resolve =>
        setTimeout(resolve, this.options.pollIntervalMs ?? 1000),
      );
    }
  }

  async createStudioUrl(project: string) {
    return this.request<{ url: string; expiresInSeconds: number }>(
      `/projects/${encodeURIComponent(project)}/studio-url`,
      { method: 'POST' },
    );
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'ml-environments',
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
