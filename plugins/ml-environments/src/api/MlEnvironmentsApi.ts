import { createApiRef } from '@backstage/core-plugin-api';
import { ProjectLayout } from '@mlgov/plugin-ml-environments-common';

/** The ml-environments backend, as the frontend uses it. @public */
export interface MlEnvironmentsApi {
  getProject(project: string): Promise<ProjectLayout>;
}

/** @public */
export const mlEnvironmentsApiRef = createApiRef<MlEnvironmentsApi>({
  id: 'plugin.ml-environments.service',
});
