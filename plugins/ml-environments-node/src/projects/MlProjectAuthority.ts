import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AccountStage,
  DataGrant,
  DataGrantRequest,
  GuardrailAssessment,
  GuardrailException,
  GuardrailExceptionRequest,
  GuardrailExemption,
  MlProjectRecord,
  MlProvisioningClaim,
  ProductCheckResult,
  RetiredAccount,
  RetirementClaim,
  RetirementClaimed,
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
  /**
   * The guide's SCP effectiveness test for each of the project's recorded
   * accounts (needs project.read on the record; calls no AWS API).
   */
  assessGuardrails(
    credentials: BackstageCredentials,
    project: string,
  ): Promise<GuardrailAssessment>;
}
