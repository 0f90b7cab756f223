import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isMlProjectEntity } from '@mlgov/plugin-ml-environments-common';

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

/**
 * The ML environments plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ml-environments',
  extensions: [entityMlEnvironmentSummaryCard],
});
