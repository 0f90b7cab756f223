import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  MlEnvironmentsClient,
  MlScorecardClient,
  mlEnvironmentsApiRef,
  mlScorecardApiRef,
} from './api';
import {
  MlDatasetPicker,
  mlDatasetPickerValidation,
} from './components/fields/MlDatasetPicker';
import {
  MlOrganizationalUnitPicker,
  mlOrganizationalUnitPickerValidation,
} from './components/fields/MlOrganizationalUnitPicker';
import {
  MlOwnerGroupPicker,
  mlOwnerGroupPickerValidation,
} from './components/fields/MlOwnerGroupPicker';
import {
  MlPatternPicker,
  mlPatternPickerValidation,
} from './components/fields/MlPatternPicker';
import {
  MlProjectNamePicker,
  mlProjectNamePickerValidation,
} from './components/fields/MlProjectNamePicker';
import {
  MlTextField,
  mlTextFieldValidation,
} from './components/fields/MlTextField';
import { rootRouteRef } from './routes';

/**
 * The ML environments frontend plugin, for apps on
 * `@backstage/core-plugin-api`. Apps on the new frontend system install the
 * default export of `@mlgov/plugin-ml-environments/alpha` instead.
 *
 * @public
 */
export const mlEnvironmentsPlugin = createPlugin({
  id: 'ml-environments',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: mlEnvironmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlEnvironmentsClient({ discoveryApi, fetchApi }),
    }),
    // The suite's scorecards, read from Tech Insights when the app has it.
    createApiFactory({
      api: mlScorecardApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlScorecardClient({ discoveryApi, fetchApi }),
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
        import('./components/entity/MlEnvironmentSummaryCard').then(
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
        import('./components/entity/MlProjectLayoutCard').then(
          m => m.MlProjectLayoutCard,
        ),
    },
  }),
);

/**
 * The "ML environment" entity tab: account diagram, guardrails, effective
 * permissions, Studio access and the onboarding guide.
 *
 * @public
 */
export const EntityMlEnvironmentContent = mlEnvironmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlEnvironmentContent',
    component: {
      lazy: () =>
        import('./components/entity/MlEnvironmentContent').then(
          m => m.MlEnvironmentContent,
        ),
    },
  }),
);

/**
 * The organization page: OU tree, compliance matrix and accounts.
 *
 * @public
 */
export const MlEnvironmentsPage = mlEnvironmentsPlugin.provide(
  createRoutableExtension({
    name: 'MlEnvironmentsPage',
    component: () =>
      import('./components/organization/MlEnvironmentsPage').then(
        m => m.MlEnvironmentsPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Template field `ui:field: MlPatternPicker`: choose an account pattern,
 * seeing what each provisions.
 *
 * @public
 */
export const MlPatternPickerFieldExtension = mlEnvironmentsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'MlPatternPicker',
    component: MlPatternPicker,
    validation: mlPatternPickerValidation,
  }),
);

/**
 * Template field `ui:field: MlOrganizationalUnitPicker`: choose an existing
 * OU by path.
 *
 * @public
 */
export const MlOrganizationalUnitPickerFieldExtension =
  mlEnvironmentsPlugin.provide(
    createScaffolderFieldExtension({
      name: 'MlOrganizationalUnitPicker',
      component: MlOrganizationalUnitPicker,
      validation: mlOrganizationalUnitPickerValidation,
    }),
  );

/**
 * Template field `ui:field: MlProjectNamePicker`: an ML project's name, with
 * the naming rule in words and whether the name is free, the user's team's
 * or another team's (`ui:options.existing` for templates acting on an
 * existing project; `ui:options.action: retire` accepts only a project the
 * signed-in user may retire, as the permission framework decides).
 *
 * @public
 */
export const MlProjectNamePickerFieldExtension = mlEnvironmentsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'MlProjectNamePicker',
    component: MlProjectNamePicker,
    validation: mlProjectNamePickerValidation,
  }),
);

/**
 * Template field `ui:field: MlTextField`: text checked by one of the
 * suite's rules (`ui:options.rule`), its problems said in words.
 *
 * @public
 */
export const MlTextFieldExtension = mlEnvironmentsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'MlTextField',
    component: MlTextField,
    validation: mlTextFieldValidation,
  }),
);

/**
 * Template field `ui:field: MlOwnerGroupPicker`: the project's owner group,
 * among the groups the user belongs to, shown by display name.
 *
 * @public
 */
export const MlOwnerGroupPickerFieldExtension = mlEnvironmentsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'MlOwnerGroupPicker',
    component: MlOwnerGroupPicker,
    validation: mlOwnerGroupPickerValidation,
  }),
);

/**
 * Template field `ui:field: MlDatasetPicker`: one of the data lake's
 * databases, chosen by name with its description as the backend reads them
 * from the data lake's Glue Data Catalog.
 *
 * @public
 */
export const MlDatasetPickerFieldExtension = mlEnvironmentsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'MlDatasetPicker',
    component: MlDatasetPicker,
    validation: mlDatasetPickerValidation,
  }),
);
