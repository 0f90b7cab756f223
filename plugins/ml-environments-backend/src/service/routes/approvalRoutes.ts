import { mlEnvironmentsStatusReadPermission } from '@mlgov/plugin-ml-environments-common';
import { RouterOptions } from '../router';
import { ApiRouter, authorize } from './authorize';

/**
 * Guardrail exceptions and data grants: the same request → approve/reject
 * → revoke routes for both. Asking again for what an open request asks
 * answers that request with 200 (a new one with 201).
 */
export function approvalRoutes(router: ApiRouter, options: RouterOptions) {
  const { httpAuth, exceptions, dataGrants, datasets } = options;
  const userOf = (req: Parameters<typeof httpAuth.credentials>[0]) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/exceptions', async (req, res) => {
    const { project, state } = req.query;
    res.json({
      items: await exceptions.list(await httpAuth.credentials(req), {
        project,
        state,
      }),
    });
  });

  router.post('/projects/:project/exceptions', async (req, res) => {
    const { item, created } = await exceptions.request(
      await userOf(req),
      req.params.project,
      req.body,
    );
    res.status(created ? 201 : 200).json(item);
  });

  router.post('/exceptions/:exceptionId/approve', async (req, res) => {
    const { exceptionId } = req.params;
    res.json(
      await exceptions.approve(await userOf(req), exceptionId, req.body.note),
    );
  });

  router.post('/exceptions/:exceptionId/reject', async (req, res) => {
    const { exceptionId } = req.params;
    res.json(
      await exceptions.reject(await userOf(req), exceptionId, req.body.note),
    );
  });

  router.post('/exceptions/:exceptionId/revoke', async (req, res) => {
    const { exceptionId } = req.params;
    res.json(
      await exceptions.revoke(await userOf(req), exceptionId, req.body.note),
    );
  });

  router.get('/datasets', async (req, res) => {
    await authorize(options, req, mlEnvironmentsStatusReadPermission);
    res.json({ items: await datasets.list() });
  });

  router.get('/data-grants', async (req, res) => {
    const { project, state } = req.query;
    res.json({
      items: await dataGrants.list(await httpAuth.credentials(req), {
        project,
        state,
      }),
    });
  });

  router.post('/projects/:project/data-grants', async (req, res) => {
    const { item, created } = await dataGrants.request(
      await userOf(req),
      req.params.project,
      req.body,
    );
    res.status(created ? 201 : 200).json(item);
  });

  router.post('/data-grants/:grantId/approve', async (req, res) => {
    const { grantId } = req.params;
    res.json(
      await dataGrants.approve(await userOf(req), grantId, req.body.note),
    );
  });

  router.post('/data-grants/:grantId/reject', async (req, res) => {
    const { grantId } = req.params;
    res.json(
      await dataGrants.reject(await userOf(req), grantId, req.body.note),
    );
  });

  router.post('/data-grants/:grantId/revoke', async (req, res) => {
    const { grantId } = req.params;
    res.json(
      await dataGrants.revoke(await userOf(req), grantId, req.body.note),
    );
  });
}
