import { SignInPage } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import { useMemo } from 'react';
import { devUserSignInProviders } from './devUsers';

/**
 * The sign-in page: the guest, as Backstage's default page offers, and with
 * the dev backend the other local people (devUsers.ts), each a choice of its
 * own.
 */
export function DevSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const providers = useMemo(
    () => ['guest' as const, ...devUserSignInProviders(config)],
    [config],
  );
  return <SignInPage {...props} providers={providers} />;
}
