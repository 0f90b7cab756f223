import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import {
  AccountStage,
  MlProjectRecord,
  MlProvisioningClaim,
} from '@mlgov/plugin-ml-environments-common';

/**
 * What provisioning asks the suite's record before and after it changes AWS.
 * Every call carries the credentials of the user who started the task, so the
 * ml-environments backend decides with that user's permissions.
 *
 * @public
 */
export interface MlProjectAuthority {
  /** Refuses (403/409) unless the user may provision the project as asked; holds it for the task. */
  claimProvisioning(
    credentials: BackstageCredentials,
    project: string,
    claim: MlProvisioningClaim,
  ): Promise<MlProjectRecord | undefined>;
  /** Refuses unless the project is recorded and the user may change it (single-step actions). */
  checkProjectChange(
    credentials: BackstageCredentials,
    project: string,
  ): Promise<MlProjectRecord>;
  completeProvisioning(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
    accounts: Array<{ stage: AccountStage; accountId: string }>,
  ): Promise<MlProjectRecord>;
  releaseProvisioning(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
  ): Promise<void>;
  transfer(
    credentials: BackstageCredentials,
    project: string,
    owner: string,
    reason: string,
  ): Promise<MlProjectRecord>;
}

const ERRORS_BY_STATUS: Record<number, new (message: string) => Error> = {
  400: InputError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
};

/**
 * The ml-environments backend's project routes over HTTP, found through
 * discovery, with on-behalf-of tokens.
 *
 * @public
 */
export class MlProjectsClient implements MlProjectAuthority {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async claimProvisioning(
    credentials: BackstageCredentials,
    project: string,
    claim: MlProvisioningClaim,
  ) {
    const { record } = await this.post(
      credentials,
      `/projects/${encodeURIComponent(project)}/provisioning`,
      claim,
    );
    return record ?? undefined;
  }

  async checkProjectChange(credentials: BackstageCredentials, project: string) {
    return this.post(
      credentials,
      `/projects/${encodeURIComponent(project)}/provisioning/check`,
      {},
    );
  }

  async completeProvisioning(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
    accounts: Array<{ stage: AccountStage; accountId: string }>,
  ) {
    return this.post(
      credentials,
      `/projects/${encodeURIComponent(project)}/provisioning/complete`,
      { taskId, accounts },
    );
  }

  async releaseProvisioning(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
  ) {
    await this.post(
      credentials,
      `/projects/${encodeURIComponent(project)}/provisioning/release`,
      { taskId },
    );
  }

  async transfer(
    credentials: BackstageCredentials,
    project: string,
    owner: string,
    reason: string,
  ) {
    return this.post(
      credentials,
      `/projects/${encodeURIComponent(project)}/transfer`,
      { owner, reason },
    );
  }

  private async post(
    credentials: BackstageCredentials,
    path: string,
    body: object,
  ) {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'ml-environments',
    });
    const baseUrl = await this.deps.discovery.getBaseUrl('ml-environments');
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      const Known = ERRORS_BY_STATUS[response.status];
      // The backend's message says what is wrong and how to fix it; pass it on as is.
      throw Known ? new Known(error.body.error.message) : error;
    }
    return response.status === 204 ? undefined : response.json();
  }
}
