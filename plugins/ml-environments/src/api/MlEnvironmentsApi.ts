import { createApiRef } from '@backstage/core-plugin-api';
import { ProjectLayout } from '@mlgov/plugin-ml-environments-common';

/** The ml-environments backend, as the frontend uses it. @public */
export interface MlEnvironmentsApi {
  getProject(project: string): Promise<ProjectLayout>;
  /** A presigned URL for the signed-in user's own Studio profile in the project. */
  createStudioUrl(
    project: string,
  ): Promise<{ url: string; expiresInSeconds: number }>;
}

/** @public */
export const mlEnvironmentsApiRef = createApiRef<MlEnvironmentsApi>({
  id: 'plugin.ml-environments.service',
});
