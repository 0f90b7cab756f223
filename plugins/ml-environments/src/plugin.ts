import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { MlEnvironmentsClient, mlEnvironmentsApiRef } from './api';

/**
 * The ML environments frontend plugin, for apps on
 * `@backstage/core-plugin-api`. Apps on the new frontend system install the
 * default export of `@mlgov/plugin-ml-environments/alpha` instead.
 *
 * @public
 */
export const mlEnvironmentsPlugin = createPlugin({
  id: 'ml-environments',
  apis: [
    createApiFactory({
      api: mlEnvironmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlEnvironmentsClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * Entity card with the project's account pattern and accounts; for
 * entities that pass `isMlProjectEntity`.
 *
 * @public
 */
export const EntityMlEnvironmentSummaryCard = mlEnvironmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlEnvironmentSummaryCard',
    component: {
      lazy: () =>
        import('./components/MlEnvironmentSummaryCard').then(
          m => m.MlEnvironmentSummaryCard,
        ),
    },
  }),
);

/**
 * Entity card with the project's AWS accounts by OU and their guardrail
 * status, from the ml-environments backend.
 *
 * @public
 */
export const EntityMlProjectLayoutCard = mlEnvironmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlProjectLayoutCard',
    component: {
      lazy: () =>
        import('./components/MlProjectLayoutCard').then(
          m => m.MlProjectLayoutCard,
        ),
    },
  }),
);
