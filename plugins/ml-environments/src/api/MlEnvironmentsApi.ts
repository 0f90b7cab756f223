import { createApiRef } from '@backstage/core-plugin-api';
import {
  GuardrailException,
  OrganizationView,
  ProjectLayout,
  RefreshProgress,
  StudioUrl,
} from '@mlgov/plugin-ml-environments-common';

/** The ml-environments backend, as the frontend uses it. @public */
export interface MlEnvironmentsApi {
  getProject(project: string): Promise<ProjectLayout>;
  getOrganization(): Promise<OrganizationView>;
  /** Rebuilds the backend's snapshot of the organization, resolving when it ends. */
  refresh(): Promise<RefreshProgress>;
  /** A presigned URL for the signed-in user's own Studio profile in the project. */
  createStudioUrl(project: string): Promise<StudioUrl>;
  /** The project's guardrail exceptions, newest first. */
  listExceptions(project: string): Promise<GuardrailException[]>;
  /** Approves, rejects or revokes an exception, with an optional note. */
  decideException(
    id: string,
    decision: 'approve' | 'reject' | 'revoke',
    note?: string,
  ): Promise<GuardrailException>;
}

/** @public */
export const mlEnvironmentsApiRef = createApiRef<MlEnvironmentsApi>({
  id: 'plugin.ml-environments.service',
});
