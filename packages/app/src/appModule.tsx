import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  NavContentBlueprint,
  SignInPageBlueprint,
} from '@backstage/plugin-app-react';
import { DevSignInPage, devUserAuthApis } from './devSignIn';
import { AppNavContent } from './nav/AppNavContent';

/**
 * The dev app's changes to the `app` plugin: its sign-in page (the guest and
 * the dev backend's other local people) with their auth APIs, and its
 * sidebar (the notifications entry shows the unread count).
 */
export const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: { loader: async () => DevSignInPage },
    }),
    ...devUserAuthApis,
    NavContentBlueprint.make({ params: { component: AppNavContent } }),
  ],
});
