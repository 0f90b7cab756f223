import {
  mlEnvironmentsAuditReadPermission,
  mlEnvironmentsStatusReadPermission,
} from '@mlgov/plugin-ml-environments-common';
import { RouterOptions } from '../router';
import { ApiRouter, authorize } from './authorize';

/**
 * A project's record and its life: provisioning and retirement (called by
 * the scaffolder's tasks for their user), transfer, adoption, Studio, its
 * cost and the audit trail.
 */
export function projectRoutes(router: ApiRouter, options: RouterOptions) {
  const { httpAuth, projects, records, adoption, provisioning } = options;
  const { retirement, studio, cost, spend } = options;
  const userOf = (req: Parameters<typeof httpAuth.credentials>[0]) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/projects/:project/record', async (req, res) => {
    res.json(await projects.get(await userOf(req), req.params.project));
  });

  router.get('/projects/:project/availability', async (req, res) => {
    const credentials = await userOf(req);
    await authorize(options, req, mlEnvironmentsStatusReadPermission);
    res.json(await projects.availability(credentials, req.params.project));
  });

  router.post('/projects/:project/studio-profile', async (req, res) => {
    res.json(await studio.openProfile(await userOf(req), req.params.project));
  });

  router.post('/projects/:project/studio-url', async (req, res) => {
    const answer = await studio.presignedUrl(
      await userOf(req),
      req.params.project,
    );
    res.setHeader('cache-control', 'no-store');
    res.json(answer);
  });

  router.get('/projects/:project/guardrails/assessment', async (req, res) => {
    const { assessment } = options;
    res.json(await assessment.assess(await userOf(req), req.params.project));
  });

  router.get('/projects/:project/cost', async (req, res) => {
    res.json(await cost.cost(await userOf(req), req.params.project));
  });

  router.get('/project-costs', async (req, res) => {
    res.json(await spend.list(await userOf(req)));
  });

  // Provisioning tasks call these on behalf of the user who started them,
  // before their first AWS call and when they end.
  router.post('/projects/:project/provisioning', async (req, res) => {
    const { pattern, owner, taskId, dryRun } = req.body;
    const record = await provisioning.claim(
      await userOf(req),
      req.params.project,
      { pattern, owner, taskId, dryRun: dryRun === true },
    );
    res.json({ record: record ?? null });
  });

  router.post('/projects/:project/provisioning/check', async (req, res) => {
    res.json(
      await provisioning.checkChange(await userOf(req), req.params.project),
    );
  });

  router.post('/projects/:project/provisioning/complete', async (req, res) => {
    const { taskId, accounts, studioProfiles } = req.body;
    res.json(
      await provisioning.complete(
        await userOf(req),
        req.params.project,
        taskId,
        accounts.map(a => ({ stage: a.stage, accountId: a.accountId })),
        studioProfiles ?? [],
      ),
    );
  });

  router.post('/projects/:project/provisioning/release', async (req, res) => {
    await provisioning.release(
      await userOf(req),
      req.params.project,
      req.body.taskId,
    );
    res.status(204).end();
  });

  router.post('/projects/:project/retirement', async (req, res) => {
    res.json(
      await retirement.claim(await userOf(req), req.params.project, req.body),
    );
  });

  router.post('/projects/:project/retirement/complete', async (req, res) => {
    const { taskId, accounts } = req.body;
    res.json(
      await retirement.complete(
        await userOf(req),
        req.params.project,
        taskId,
        accounts,
      ),
    );
  });

  router.post('/projects/:project/transfer', async (req, res) => {
    const { owner, reason } = req.body;
    res.json(
      await projects.transfer(
        await userOf(req),
        req.params.project,
        owner,
        reason,
      ),
    );
  });

  router.post('/projects/:project/adopt', async (req, res) => {
    res.json(
      await adoption.adopt(
        await userOf(req),
        req.params.project,
        req.body.owner,
      ),
    );
  });

  // An administrator's: the latest published version, judged first.
  router.post('/projects/:project/products/update', async (req, res) => {
    res.json(
      await options.productUpdates.update(
        await userOf(req),
        req.params.project,
        req.body,
      ),
    );
  });

  router.get('/audit', async (req, res) => {
    await authorize(options, req, mlEnvironmentsAuditReadPermission);
    const { project, limit = 100 } = req.query;
    res.json({ items: await records.listAudit({ project, limit }) });
  });
}
