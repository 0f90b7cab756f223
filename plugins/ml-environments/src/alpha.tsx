import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  FormFieldBlueprint,
  createFormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import CloudIcon from '@material-ui/icons/CloudQueue';
import { isMlProjectEntity } from '@mlgov/plugin-ml-environments-common';
import {
  MlEnvironmentsClient,
  MlScorecardClient,
  mlEnvironmentsApiRef,
  mlScorecardApiRef,
} from './api';

const mlEnvironmentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlEnvironmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlEnvironmentsClient({ discoveryApi, fetchApi }),
    }),
});

// The suite's scorecards, read from Tech Insights when the app has it.
const mlScorecardApi = ApiBlueprint.make({
  name: 'scorecards',
  params: defineParams =>
    defineParams({
      api: mlScorecardApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlScorecardClient({ discoveryApi, fetchApi }),
    }),
});

const entityMlEnvironmentSummaryCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: isMlProjectEntity,
    loader: () =>
      import('./components/entity/MlEnvironmentSummaryCard').then(m => (
        <m.MlEnvironmentSummaryCard />
      )),
  },
});

const entityMlProjectLayoutCard = EntityCardBlueprint.make({
  name: 'layout',
  params: {
    filter: isMlProjectEntity,
    loader: () =>
      import('./components/entity/MlProjectLayoutCard').then(m => (
        <m.MlProjectLayoutCard />
      )),
  },
});

const entityMlEnvironmentContent = EntityContentBlueprint.make({
  name: 'environment',
  params: {
    path: 'ml-environment',
    title: 'ML environment',
    filter: isMlProjectEntity,
    loader: () =>
      import('./components/entity/MlEnvironmentContent').then(m => (
        <m.MlEnvironmentContent />
      )),
  },
});

const rootRouteRef = createRouteRef();

const mlEnvironmentsPage = PageBlueprint.make({
  params: {
    path: '/ml-environments',
    // Short enough for the sidebar, which clips longer labels.
    title: 'ML governance',
    icon: <CloudIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/organization/MlEnvironmentsPage').then(m => (
        <m.MlEnvironmentsPage />
      )),
  },
});

const patternPickerField = FormFieldBlueprint.make({
  name: 'pattern-picker',
  params: {
    field: () =>
      import('./components/fields/MlPatternPicker').then(m =>
        createFormField({
          name: 'MlPatternPicker',
          component: m.MlPatternPicker,
          validation: m.mlPatternPickerValidation,
        }),
      ),
  },
});

const organizationalUnitPickerField = FormFieldBlueprint.make({
  name: 'ou-picker',
  params: {
    field: () =>
      import('./components/fields/MlOrganizationalUnitPicker').then(m =>
        createFormField({
          name: 'MlOrganizationalUnitPicker',
          component: m.MlOrganizationalUnitPicker,
          validation: m.mlOrganizationalUnitPickerValidation,
        }),
      ),
  },
});

const homePageProjectsWidget = HomePageWidgetBlueprint.make({
  name: 'projects',
  params: {
    name: 'MlProjects',
    title: 'ML projects',
    description:
      "What the ML environments suite does, where to start, and your teams' ML projects with their guardrail status",
    components: () =>
      import('./components/organization/MlProjectsHomeCard').then(m => ({
        Content: () => <m.MlProjectsHomeCard />,
      })),
  },
});

const projectNamePickerField = FormFieldBlueprint.make({
  name: 'project-name-picker',
  params: {
    field: () =>
      import('./components/fields/MlProjectNamePicker').then(m =>
        createFormField({
          name: 'MlProjectNamePicker',
          component: m.MlProjectNamePicker,
          validation: m.mlProjectNamePickerValidation,
        }),
      ),
  },
});

const textField = FormFieldBlueprint.make({
  name: 'text',
  params: {
    field: () =>
      import('./components/fields/MlTextField').then(m =>
        createFormField({
          name: 'MlTextField',
          component: m.MlTextField,
          validation: m.mlTextFieldValidation,
        }),
      ),
  },
});

const ownerGroupPickerField = FormFieldBlueprint.make({
  name: 'owner-group-picker',
  params: {
    field: () =>
      import('./components/fields/MlOwnerGroupPicker').then(m =>
        createFormField({
          name: 'MlOwnerGroupPicker',
          component: m.MlOwnerGroupPicker,
          validation: m.mlOwnerGroupPickerValidation,
        }),
      ),
  },
});

const datasetPickerField = FormFieldBlueprint.make({
  name: 'dataset-picker',
  params: {
    field: () =>
      import('./components/fields/MlDatasetPicker').then(m =>
        createFormField({
          name: 'MlDatasetPicker',
          component: m.MlDatasetPicker,
          validation: m.mlDatasetPickerValidation,
        }),
      ),
  },
});

/**
 * The ML environments plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ml-environments',
  routes: { root: rootRouteRef },
  extensions: [
    mlEnvironmentsApi,
    mlScorecardApi,
    mlEnvironmentsPage,
    entityMlEnvironmentSummaryCard,
    entityMlProjectLayoutCard,
    entityMlEnvironmentContent,
    patternPickerField,
    organizationalUnitPickerField,
    projectNamePickerField,
    textField,
    ownerGroupPickerField,
    datasetPickerField,
    homePageProjectsWidget,
  ],
});
