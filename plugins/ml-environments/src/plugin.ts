import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/**
 * The ML environments frontend plugin, for apps on
 * `@backstage/core-plugin-api`. Apps on the new frontend system install the
 * default export of `@mlgov/plugin-ml-environments/alpha` instead.
 *
 * @public
 */
export const mlEnvironmentsPlugin = createPlugin({
  id: 'ml-environments',
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
