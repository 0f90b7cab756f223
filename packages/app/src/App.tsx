import { createApp } from '@backstage/frontend-defaults';
import {
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
} from '@backstage/frontend-plugin-api';
import HomeIcon from '@material-ui/icons/Home';
import { appModule } from './appModule';

/** The dev app's home page at `/`, the first screen after sign-in. */
const homePage = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/',
    title: 'Home',
    icon: <HomeIcon />,
    noHeader: true,
    // A route of its own puts the page in the sidebar.
    routeRef: createRouteRef(),
    loader: () => import('./home').then(m => <m.HomePage />),
  },
});

/**
 * The dev app's own plugin: its home page. (A module of the `app` plugin
 * would render during sign-in, before the other plugins' APIs exist.)
 */
const homePlugin = createFrontendPlugin({
  pluginId: 'home',
  extensions: [homePage],
});

/**
 * The dev app. Its features are discovered from the packages this app
 * depends on (`app.packages: all` in app-config.yaml), the ML environments
 * plugin among them through its `/alpha` export, plus its home page and its
 * sign-in page and sidebar (appModule.tsx).
 */
export default createApp({ features: [homePlugin, appModule] });
