import { createRouteRef } from '@backstage/core-plugin-api';

/** The organization page, `/ml-environments` in the dev app. */
export const rootRouteRef = createRouteRef({ id: 'ml-environments' });
