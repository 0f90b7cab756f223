import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  mlEnvironmentsAuditReadPermission,
  mlEnvironmentsRefreshPermission,
  mlEnvironmentsStatusReadPermission,
  mlOrganizationChangePermission,
} from '@mlgov/plugin-ml-environments-common';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated';
import { GuardrailExceptions } from './approvals/exceptions/GuardrailExceptions';
import {
  NOT_READY_RETRY_SECONDS,
  ProjectAdoption,
} from './projects/ProjectAdoption';
import { ProjectProvisioning } from './projects/ProjectProvisioning';
import { ProjectRecords } from './projects/ProjectRecords';
import { ProjectRegistry } from './projects/ProjectRegistry';
import { ProjectRetirement } from './projects/ProjectRetirement';
import { StudioService } from './studio/StudioService';
import { DataGrants } from './approvals/dataGrants/DataGrants';
import { DataLakeDatasets } from './approvals/dataGrants/DataLakeDatasets';
import { StatusService } from './StatusService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  status: StatusService;
  projects: ProjectRegistry;
  records: ProjectRecords;
  adoption: ProjectAdoption;
  provisioning: ProjectProvisioning;
  studio: StudioService;
  exceptions: GuardrailExceptions;
  retirement: ProjectRetirement;
  dataGrants: DataGrants;
  datasets: DataLakeDatasets;
}

/**
 * The routes of `schema/openapi.yaml`. Requests the spec does not allow are
 * refused (400) by the generated router before they reach a handler, so the
 * handlers hold only what the spec cannot say: who may do what.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    status,
    projects,
    records,
    adoption,
    provisioning,
    studio,
    exceptions,
    retirement,
    dataGrants,
    datasets,
  } = options;
  // Backstage's httpAuth decides who is calling (user and service tokens,
  // cookies); the spec's security scheme only documents it.
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });

  async function authorize(
    req: express.Request<any, any, any, any>,
    permission: BasicPermission,
  ) {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  router.get('/organization', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    res.json(await status.organization(await records.ownersByProject()));
  });

  router.get('/projects/:project', async (req, res) => {
    const { project } = req.params;
    const record = await projects.authorizeStatusRead(
      await httpAuth.credentials(req),
      project,
    );
    res.json({
      ...(await status.project(project, record?.accounts)),
      record: record && {
        owner: record.owner,
        pattern: record.pattern,
        origin: record.origin,
        createdAt: record.createdAt,
        retirement: record.retirement,
      },
    });
  });

  router.get('/projects/:project/record', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await projects.get(credentials, req.params.project));
  });

  router.get('/projects/:project/availability', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(req, mlEnvironmentsStatusReadPermission);
    res.json(await projects.availability(credentials, req.params.project));
  });

  router.get('/targets/:id/guardrails', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    res.json(await status.target(req.params.id));
  });

  router.post('/evaluate', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    const { accountId, actions, context, resource } = req.body;
    res.json({
      items: await status.evaluate(accountId, actions, context, resource),
    });
  });

  // A product template checked against an OU's SCPs before an administrator
  // publishes it for that OU (publishing is OU-wide, an administrator's
  // work): pure evaluation of the snapshot, no AWS call, nothing changed.
  router.post('/products/check', async (req, res) => {
    await authorize(req, mlOrganizationChangePermission);
    const { template, targetOu } = req.body;
    res.json(await status.checkProduct(template, targetOu));
  });

  router.post('/projects/:project/studio-profile', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await studio.openProfile(credentials, req.params.project));
  });

  router.post('/projects/:project/studio-url', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const answer = await studio.presignedUrl(credentials, req.params.project);
    res.setHeader('cache-control', 'no-store');
    res.json(answer);
  });

  router.post('/refresh', async (req, res) => {
    await authorize(req, mlEnvironmentsRefreshPermission);
    const result = await status.requestRefresh();
    if ('retryAfterSeconds' in result) {
      res.setHeader('retry-after', String(result.retryAfterSeconds));
      res.status(429).json({
        error: {
          name: 'TooManyRequestsError',
          message: `The snapshot was refreshed moments ago; try again in ${result.retryAfterSeconds} s`,
        },
      });
      return;
    }
    res.setHeader('location', `refresh/${result.refreshId}`);
    res.status(202).json(result);
  });

  router.get('/refresh/:refreshId', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    res.json(await status.refreshProgress(req.params.refreshId));
  });

  // Provisioning tasks call these on behalf of the user who started them,
  // before their first AWS call and when they end.
  router.post('/projects/:project/provisioning', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { pattern, owner, taskId, dryRun } = req.body;
    const record = await provisioning.claim(credentials, req.params.project, {
      pattern,
      owner,
      taskId,
      dryRun: dryRun === true,
    });
    res.json({ record: record ?? null });
  });

  router.post('/projects/:project/provisioning/check', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await provisioning.checkChange(credentials, req.params.project));
  });

  router.post('/projects/:project/provisioning/complete', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { taskId, accounts, studioProfiles } = req.body;
    res.json(
      await provisioning.complete(
        credentials,
        req.params.project,
        taskId,
        accounts.map(a => ({ stage: a.stage, accountId: a.accountId })),
        studioProfiles ?? [],
      ),
    );
  });

  router.post('/projects/:project/provisioning/release', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await provisioning.release(
      credentials,
      req.params.project,
      req.body.taskId,
    );
    res.status(204).end();
  });

  router.post('/projects/:project/retirement', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await retirement.claim(credentials, req.params.project, req.body));
  });

  router.post('/projects/:project/retirement/complete', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { taskId, accounts } = req.body;
    res.json(
      await retirement.complete(
        credentials,
        req.params.project,
        taskId,
        accounts,
      ),
    );
  });

  router.get('/data-grants', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { project, state } = req.query;
    res.json({ items: await dataGrants.list(credentials, { project, state }) });
  });

  router.get('/datasets', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    res.json({ items: await datasets.list() });
  });

  router.post('/projects/:project/data-grants', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { item, created } = await dataGrants.request(
      credentials,
      req.params.project,
      req.body,
    );
    res.status(created ? 201 : 200).json(item);
  });

  router.post('/data-grants/:grantId/approve', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await dataGrants.approve(credentials, req.params.grantId, req.body.note),
    );
  });

  router.post('/data-grants/:grantId/reject', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await dataGrants.reject(credentials, req.params.grantId, req.body.note),
    );
  });

  router.post('/data-grants/:grantId/revoke', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await dataGrants.revoke(credentials, req.params.grantId, req.body.note),
    );
  });

  router.post('/projects/:project/transfer', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { owner, reason } = req.body;
    res.json(
      await projects.transfer(credentials, req.params.project, owner, reason),
    );
  });

  router.post('/projects/:project/adopt', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await adoption.adopt(credentials, req.params.project, req.body.owner),
    );
  });

  router.get('/exceptions', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { project, state } = req.query;
    res.json({ items: await exceptions.list(credentials, { project, state }) });
  });

  router.post('/projects/:project/exceptions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    // The same request again answers the open one (200), as for data grants.
    const { item, created } = await exceptions.request(
      credentials,
      req.params.project,
      req.body,
    );
    res.status(created ? 201 : 200).json(item);
  });

  router.post('/exceptions/:exceptionId/approve', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { exceptionId } = req.params;
    res.json(await exceptions.approve(credentials, exceptionId, req.body.note));
  });

  router.post('/exceptions/:exceptionId/reject', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { exceptionId } = req.params;
    res.json(await exceptions.reject(credentials, exceptionId, req.body.note));
  });

  router.post('/exceptions/:exceptionId/revoke', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { exceptionId } = req.params;
    res.json(await exceptions.revoke(credentials, exceptionId, req.body.note));
  });

  router.get('/audit', async (req, res) => {
    await authorize(req, mlEnvironmentsAuditReadPermission);
    const { project, limit = 100 } = req.query;
    res.json({ items: await records.listAudit({ project, limit }) });
  });

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
