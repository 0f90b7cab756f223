import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import express from 'express';
import { createOpenApiRouter } from '../../schema/openapi/generated';

/** The generated router the routes are added to, typed by the spec. */
export type ApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/** The caller's credentials, once the permission allows them (403 otherwise). */
export async function authorize(
  deps: { httpAuth: HttpAuthService; permissions: PermissionsService },
  req: express.Request<any, any, any, any>,
  permission: BasicPermission,
): Promise<BackstageCredentials> {
  const credentials = await deps.httpAuth.credentials(req);
  const [decision] = await deps.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
  return credentials;
}
