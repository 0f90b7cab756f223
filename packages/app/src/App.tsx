import { createApp } from '@backstage/frontend-defaults';

/**
 * The dev app. Its features are discovered from the packages this app
 * depends on (`app.packages: all` in app-config.yaml), the ML environments
 * plugin among them through its `/alpha` export.
 */
export default createApp();
