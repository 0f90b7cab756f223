import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isMlProjectEntity } from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsClient, mlEnvironmentsApiRef } from './api';

const mlEnvironmentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlEnvironmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlEnvironmentsClient({ discoveryApi, fetchApi }),
    }),
});

const entityMlEnvironmentSummaryCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: isMlProjectEntity,
    loader: () =>
      import('./components/MlEnvironmentSummaryCard').then(m => (
        <m.MlEnvironmentSummaryCard />
      )),
  },
});

const entityMlProjectLayoutCard = EntityCardBlueprint.make({
  name: 'layout',
  params: {
    filter: isMlProjectEntity,
    loader: () =>
      import('./components/MlProjectLayoutCard').then(m => (
        <m.MlProjectLayoutCard />
      )),
  },
});

/**
 * The ML environments plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ml-environments',
  extensions: [
    mlEnvironmentsApi,
    entityMlEnvironmentSummaryCard,
    entityMlProjectLayoutCard,
  ],
});
