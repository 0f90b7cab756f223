import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated';
import { MlEnvironmentsServices } from './createServices';
import { NOT_READY_RETRY_SECONDS } from './projects/ProjectAdoption';
import { approvalRoutes } from './routes/approvalRoutes';
import { projectRoutes } from './routes/projectRoutes';
import { statusRoutes } from './routes/statusRoutes';

export type RouterOptions = Pick<
  MlEnvironmentsServices,
  | 'status'
  | 'pipeline'
  | 'products'
  | 'assessment'
  | 'projects'
  | 'records'
  | 'adoption'
  | 'provisioning'
  | 'productUpdates'
  | 'retirement'
  | 'studio'
  | 'cost'
  | 'spend'
  | 'exceptions'
  | 'dataGrants'
  | 'datasets'
> & {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
};

/**
 * The routes of `schema/openapi.yaml`. Requests the spec does not allow are
 * refused (400) by the generated router before they reach a handler, so the
 * handlers hold only what the spec cannot say: who may do what.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  // Backstage's httpAuth decides who is calling (user and service tokens,
  // cookies); the spec's security scheme only documents it.
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });
  statusRoutes(router, options);
  projectRoutes(router, options);
  approvalRoutes(router, options);

  // Failing closed says when to ask again; the default handler answers 503.
  router.use(
    (
      error: Error,
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error?.name === 'ServiceUnavailableError') {
        res.setHeader('retry-after', String(NOT_READY_RETRY_SECONDS));
      }
      next(error);
    },
  );

  return router;
}
