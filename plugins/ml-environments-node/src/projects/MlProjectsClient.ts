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
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AccountStage,
  DataGrantRequest,
  DefaultApiClient,
  GuardrailExceptionRequest,
  MlProvisioningClaim,
  RetiredAccount,
  RetirementClaim,
  TypedResponse,
  exemptionOf,
} from '@mlgov/plugin-ml-environments-common';
import { MlProjectAuthority } from './MlProjectAuthority';

const ERRORS_BY_STATUS: Record<number, new (message: string) => Error> = {
  400: InputError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
  // Before the suite's first complete read of AWS: the message says when to retry.
  503: ServiceUnavailableError,
};

/**
 * The ml-environments backend's project routes over HTTP, through the
 * client generated from its OpenAPI document, with on-behalf-of tokens.
 *
 * @public
 */
export class MlProjectsClient implements MlProjectAuthority {
  private readonly api: DefaultApiClient;

  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {
    this.api = new DefaultApiClient({
      discoveryApi: deps.discovery,
      fetchApi: { fetch },
    });
  }

  async claimProvisioning(
    credentials: BackstageCredentials,
    project: string,
    claim: MlProvisioningClaim,
  ) {
    const { record } = await body(
      this.api.claimProvisioning(
        { path: { project }, body: claim },
        await this.options(credentials),
      ),
    );
    return record ?? undefined;
  }

  async checkProjectChange(credentials: BackstageCredentials, project: string) {
    return body(
      this.api.checkProjectChange(
        { path: { project } },
        await this.options(credentials),
      ),
    );
  }

  async completeProvisioning(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
    accounts: Array<{ stage: AccountStage; accountId: string }>,
    studioProfiles: string[] = [],
  ) {
    return body(
      this.api.completeProvisioning(
        { path: { project }, body: { taskId, accounts, studioProfiles } },
        await this.options(credentials),
      ),
    );
  }

  async releaseProvisioning(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
  ) {
    await body(
      this.api.releaseProvisioning(
        { path: { project }, body: { taskId } },
        await this.options(credentials),
      ),
    );
  }

  async transfer(
    credentials: BackstageCredentials,
    project: string,
    owner: string,
    reason: string,
  ) {
    return body(
      this.api.transferProject(
        { path: { project }, body: { owner, reason } },
        await this.options(credentials),
      ),
    );
  }

  async claimRetirement(
    credentials: BackstageCredentials,
    project: string,
    claim: RetirementClaim,
  ) {
    return body(
      this.api.claimRetirement(
        { path: { project }, body: claim },
        await this.options(credentials),
      ),
    );
  }

  async completeRetirement(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
    accounts: RetiredAccount[],
  ) {
    return body(
      this.api.completeRetirement(
        { path: { project }, body: { taskId, accounts } },
        await this.options(credentials),
      ),
    );
  }

  async revokeException(
    credentials: BackstageCredentials,
    id: string,
    note: string,
  ) {
    return body(
      this.api.revokeGuardrailException(
        { path: { exceptionId: id }, body: { note } },
        await this.options(credentials),
      ),
    );
  }

  async requestDataAccess(
    credentials: BackstageCredentials,
    project: string,
    request: DataGrantRequest,
  ) {
    return body(
      this.api.requestDataGrant(
        { path: { project }, body: request },
        await this.options(credentials),
      ),
    );
  }

  async revokeDataGrant(
    credentials: BackstageCredentials,
    id: string,
    note: string,
  ) {
    return body(
      this.api.revokeDataGrant(
        { path: { grantId: id }, body: { note } },
        await this.options(credentials),
      ),
    );
  }

  async listExceptions(credentials: BackstageCredentials, project: string) {
    const { items } = await body(
      this.api.listGuardrailExceptions(
        { query: { project } },
        await this.options(credentials),
      ),
    );
    return items;
  }

  async activeExemptions(credentials: BackstageCredentials) {
    const { items } = await body(
      this.api.listGuardrailExceptions(
        { query: { state: 'active' } },
        await this.options(credentials),
      ),
    );
    return items.map(exemptionOf);
  }

  async requestException(
    credentials: BackstageCredentials,
    project: string,
    request: GuardrailExceptionRequest,
  ) {
    return body(
      this.api.requestGuardrailException(
        { path: { project }, body: request },
        await this.options(credentials),
      ),
    );
  }

  async checkProduct(
    credentials: BackstageCredentials,
    template: object,
    targetOu: string,
  ) {
    return body(
      this.api.checkProduct(
        { body: { template: template as any, targetOu } },
        await this.options(credentials),
      ),
    );
  }

  async assessGuardrails(credentials: BackstageCredentials, project: string) {
    return body(
      this.api.assessProjectGuardrails(
        { path: { project } },
        await this.options(credentials),
      ),
    );
  }

  private async options(credentials: BackstageCredentials) {
    return this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'ml-environments',
    });
  }
}

async function body<T>(pending: Promise<TypedResponse<T>>): Promise<T> {
  const response = await pending;
  if (!response.ok) {
    const error = await ResponseError.fromResponse(response as Response);
    const Known = ERRORS_BY_STATUS[response.status];
    // The backend's message says what is wrong and how to fix it; pass it on as is.
    throw Known ? new Known(error.body.error.message) : error;
  }
  return response.status === 204 ? (undefined as T) : response.json();
}
