import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AccountPattern,
  OrganizationView,
  ProjectLayout,
} from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsApi } from './MlEnvironmentsApi';

/** Calls the ml-environments backend with the user's credentials. @public */
export class MlEnvironmentsClient implements MlEnvironmentsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
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

  async refresh(): Promise<{ takenAt: string }> {
    return this.request('/refresh', { method: 'POST' });
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
