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
  DataGrant,
  DataGrantRequest,
  DefaultApiClient,
  GuardrailException,
  GuardrailExceptionRequest,
  GuardrailExemption,
  MlProjectRecord,
  MlProvisioningClaim,
  ProductCheckResult,
  RetiredAccount,
  RetirementClaim,
  RetirementClaimed,
  TypedResponse,
  exemptionOf,
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
    /** The Studio profiles ensured for the members: the suite's own. */
    studioProfiles?: string[],
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
  /**
   * Refuses (403/409) unless the user may retire the project now; holds it
   * for the task. A retired project is answered as it is.
   */
  claimRetirement(
    credentials: BackstageCredentials,
    project: string,
    claim: RetirementClaim,
  ): Promise<RetirementClaimed>;
  completeRetirement(
    credentials: BackstageCredentials,
    project: string,
    taskId: string,
    accounts: RetiredAccount[],
  ): Promise<MlProjectRecord>;
  /** Ends a pending or active exception, as its owners or approvers may. */
  revokeException(
    credentials: BackstageCredentials,
    id: string,
    note: string,
  ): Promise<GuardrailException>;
  /**
   * Asks for read access of one of the project's accounts to a data-lake
   * database; answers with the grant, active for self-service databases or
   * pending a data owner's approval, or with the open grant already asked.
   */
  requestDataAccess(
    credentials: BackstageCredentials,
    project: string,
    request: DataGrantRequest,
  ): Promise<DataGrant>;
  /** Ends a pending or active data grant, revoking it in Lake Formation. */
  revokeDataGrant(
    credentials: BackstageCredentials,
    id: string,
    note: string,
  ): Promise<DataGrant>;
  /** The project's guardrail exceptions, newest first. */
  listExceptions(
    credentials: BackstageCredentials,
    project: string,
  ): Promise<GuardrailException[]>;
  /**
   * The carve-outs of the approved, unexpired exceptions, which the SCP
   * documents provisioning writes must keep.
   */
  activeExemptions(
    credentials: BackstageCredentials,
  ): Promise<GuardrailExemption[]>;
  /** Asks for an exception; refuses (400/403) what the backend would not grant. */
  requestException(
    credentials: BackstageCredentials,
    project: string,
    request: GuardrailExceptionRequest,
  ): Promise<GuardrailException>;
  /**
   * Whether an OU's SCPs let a product template's resources be created
   * (administrators only; calls no AWS API).
   */
  checkProduct(
    credentials: BackstageCredentials,
    template: object,
    targetOu: string,
  ): Promise<ProductCheckResult>;
}

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
