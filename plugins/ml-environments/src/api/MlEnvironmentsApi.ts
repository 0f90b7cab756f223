import { createApiRef } from '@backstage/core-plugin-api';
import {
  DataGrant,
  Dataset,
  GuardrailAssessment,
  GuardrailException,
  NameAvailability,
  OrganizationView,
  ProjectCost,
  ProjectSpendList,
  ProductUpdateResult,
  ProjectLayout,
  ProjectRecord,
  RefreshProgress,
  StudioProfile,
  TargetGuardrailsView,
  StudioUrl,
} from '@mlgov/plugin-ml-environments-common';

/** The ml-environments backend, as the frontend uses it. @public */
export interface MlEnvironmentsApi {
  getProject(project: string): Promise<ProjectLayout>;
  getOrganization(): Promise<OrganizationView>;
  /**
   * One OU's or account's guardrails with their reasons; an account's
   * violated detective controls name the failing resources.
   */
  getTargetGuardrails(targetId: string): Promise<TargetGuardrailsView>;
  /**
   * The suite's record of a project (its owner, pattern, retirement), or
   * undefined when no project has that name.
   */
  getProjectRecord(project: string): Promise<ProjectRecord | undefined>;
  /**
   * Whether the signed-in user could provision a project of this name now,
   * by the rule provisioning applies, with one sentence.
   */
  getProjectAvailability(project: string): Promise<NameAvailability>;
  /** Rebuilds the backend's snapshot of the organization, resolving when it ends. */
  refresh(): Promise<RefreshProgress>;
  /** A presigned URL for the signed-in user's own Studio profile in the project. */
  createStudioUrl(project: string): Promise<StudioUrl>;
  /** Makes the signed-in user's own Studio profile in the project, unless it exists. */
  createStudioProfile(project: string): Promise<StudioProfile>;
  /** The project's month-to-date cost and budget (owner group and administrators). */
  getProjectCost(project: string): Promise<ProjectCost>;
  /**
   * The guide's SCP effectiveness test for each of the project's accounts:
   * what a data scientist tries, what its SCPs decide, and whether that is
   * what its OU's guardrails intend.
   */
  assessGuardrails(project: string): Promise<GuardrailAssessment>;
  /** Each project's month-to-date spend the user may see (others left out). */
  listProjectCosts(): Promise<ProjectSpendList>;
  /** The project's guardrail exceptions, newest first. */
  listExceptions(project: string): Promise<GuardrailException[]>;
  /** Approves, rejects or revokes an exception, with an optional note. */
  decideException(
    id: string,
    decision: Decision,
    note?: string,
  ): Promise<GuardrailException>;
  /** The data lake's databases with their descriptions, by name. */
  listDatasets(): Promise<Dataset[]>;
  /** The project's data grants (read access to the data lake), newest first. */
  listDataGrants(project: string): Promise<DataGrant[]>;
  /**
   * Updates one of the project's provisioned products to its product's
   * latest version (an administrator's), once the new version passes the
   * account's guardrails; resolves when Service Catalog is done.
   */
  updateProjectProduct(
    project: string,
    accountId: string,
    product: string,
  ): Promise<ProductUpdateResult>;
  /** Approves, rejects or revokes a data grant, with an optional note. */
  decideDataGrant(
    id: string,
    decision: Decision,
    note?: string,
  ): Promise<DataGrant>;
}

/** What an approver or an owner does with a request. @public */
export type Decision = 'approve' | 'reject' | 'revoke';

/** @public */
export const mlEnvironmentsApiRef = createApiRef<MlEnvironmentsApi>({
  id: 'plugin.ml-environments.service',
});
