import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mlEnvironmentsStatusReadPermission } from '@mlgov/plugin-ml-environments-common';
import express from 'express';
import { RouterOptions } from '../router';
import { ApiRouter, authorize } from './authorize';

/** What the routes call on either workflow. */
interface Workflow {
  list(credentials: BackstageCredentials, filter: object): Promise<unknown>;
  request(
    credentials: BackstageCredentials,
    project: string,
    ask: any,
  ): Promise<{ item: unknown; created: boolean }>;
  approve(c: BackstageCredentials, id: string, note?: string): Promise<unknown>;
  reject(c: BackstageCredentials, id: string, note?: string): Promise<unknown>;
  revoke(c: BackstageCredentials, id: string, note?: string): Promise<unknown>;
}

type Request = express.Request<any, any, any, any>;

/**
 * Guardrail exceptions and data grants: the same request → approve/reject
 * → revoke routes for both, each typed by the spec. Asking again for what
 * an open request asks answers that request with 200 (a new one, 201).
 */
export function approvalRoutes(router: ApiRouter, options: RouterOptions) {
  const { httpAuth, exceptions, dataGrants, datasets } = options;
  const userOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const handlers = (workflow: Workflow, idParam: string) => ({
    list: async (req: Request, res: express.Response) => {
      const { project, state } = req.query;
      const credentials = await httpAuth.credentials(req);
      res.json({ items: await workflow.list(credentials, { project, state }) });
    },
    request: async (req: Request, res: express.Response) => {
      const { item, created } = await workflow.request(
        await userOf(req),
        req.params.project,
        req.body,
      );
      res.status(created ? 201 : 200).json(item);
    },
    decide:
      (verb: 'approve' | 'reject' | 'revoke') =>
      async (req: Request, res: express.Response) => {
        const id = req.params[idParam];
        const item = await workflow[verb](await userOf(req), id, req.body.note);
        // An approval that waits for another decider is recorded, not granted.
        const waiting =
          verb === 'approve' &&
          (item as { state?: string }).state === 'pending';
        res.status(waiting ? 202 : 200).json(item);
      },
  });

  const exception = handlers(exceptions, 'exceptionId');
  router.get('/exceptions', exception.list);
  router.post('/projects/:project/exceptions', exception.request);
  router.post('/exceptions/:exceptionId/approve', exception.decide('approve'));
  router.post('/exceptions/:exceptionId/reject', exception.decide('reject'));
  router.post('/exceptions/:exceptionId/revoke', exception.decide('revoke'));

  const grant = handlers(dataGrants, 'grantId');
  router.get('/data-grants', grant.list);
  router.post('/projects/:project/data-grants', grant.request);
  router.post('/data-grants/:grantId/approve', grant.decide('approve'));
  router.post('/data-grants/:grantId/reject', grant.decide('reject'));
  router.post('/data-grants/:grantId/revoke', grant.decide('revoke'));

  router.get('/datasets', async (req, res) => {
    await authorize(options, req, mlEnvironmentsStatusReadPermission);
    res.json({ items: await datasets.list() });
  });
}
