import {
  mlEnvironmentsRefreshPermission,
  mlEnvironmentsStatusReadPermission,
  mlOrganizationChangePermission,
} from '@mlgov/plugin-ml-environments-common';
import { RouterOptions } from '../router';
import { ApiRouter, authorize } from './authorize';

/** The organization's and projects' status, product checks and refreshes. */
export function statusRoutes(router: ApiRouter, options: RouterOptions) {
  const { httpAuth, status, pipeline, products, projects, records } = options;

  router.get('/organization', async (req, res) => {
    await authorize(options, req, mlEnvironmentsStatusReadPermission);
    const record = await records.organizationViewRecord();
    res.json(await status.organization(record.owners, record.accounts));
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

  router.get('/targets/:id/guardrails', async (req, res) => {
    await authorize(options, req, mlEnvironmentsStatusReadPermission);
    res.json(await status.target(req.params.id));
  });

  router.post('/evaluate', async (req, res) => {
    await authorize(options, req, mlEnvironmentsStatusReadPermission);
    const { accountId, actions, context, resource } = req.body;
    res.json({
      items: await status.evaluate(accountId, actions, context, resource),
    });
  });

  // A product template checked against an OU's SCPs before an administrator
  // publishes it for that OU (publishing is OU-wide, an administrator's
  // work): pure evaluation of the snapshot, no AWS call, nothing changed.
  router.post('/products/check', async (req, res) => {
    await authorize(options, req, mlOrganizationChangePermission);
    const { template, targetOu } = req.body;
    res.json(await products.check(template, targetOu));
  });

  router.post('/refresh', async (req, res) => {
    await authorize(options, req, mlEnvironmentsRefreshPermission);
    const result = await pipeline.requestRefresh();
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
    await authorize(options, req, mlEnvironmentsStatusReadPermission);
    res.json(await status.refreshProgress(req.params.refreshId));
  });
}
