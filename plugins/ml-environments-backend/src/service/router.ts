import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  ACCOUNT_PATTERNS,
  mlEnvironmentsAuditReadPermission,
  mlEnvironmentsRefreshPermission,
  mlEnvironmentsStatusReadPermission,
  validateProjectSlug,
  isAccountId,
} from '@mlgov/plugin-ml-environments-common';
import express from 'express';
import Router from 'express-promise-router';
import { ProjectRegistry } from './ProjectRegistry';
import { StatusService } from './StatusService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  status: StatusService;
  projects: ProjectRegistry;
}

const ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/;

function projectParam(value: string) {
  const problem = validateProjectSlug(value);
  if (problem) throw new InputError(`Path parameter project: ${problem}`);
  return value;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, status, projects } = options;
  const router = Router();
  router.use(express.json());

  async function authorize(req: express.Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  router.get('/patterns', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    res.json({ items: ACCOUNT_PATTERNS });
  });

  router.get('/organization', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    res.json(await status.organization(await projects.ownersByProject()));
  });

  router.get('/projects/:project', async (req, res) => {
    const project = projectParam(req.params.project);
    const credentials = await httpAuth.credentials(req);
    // A recorded project is read under its own permission; one known only
    // from AWS tags shows in the organization view, so it reads like it.
    const record = await projects.find(project);
    if (record) {
      await projects.get(credentials, project);
    } else {
      await authorize(req, mlEnvironmentsStatusReadPermission);
    }
    res.json({
      ...(await status.project(project, record?.accounts)),
      record: record && {
        owner: record.owner,
        pattern: record.pattern,
        origin: record.origin,
      },
    });
  });

  router.get('/projects/:project/record', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await projects.get(credentials, projectParam(req.params.project)));
  });

  router.get('/targets/:id/guardrails', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    res.json(await status.target(req.params.id));
  });

  router.post('/evaluate', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    const { accountId, actions, context, resource } = req.body ?? {};
    if (!isAccountId(accountId)) {
      throw new InputError(
        'Body field accountId must be a 12-digit AWS account id',
      );
    }
    if (
      !Array.isArray(actions) ||
      actions.length === 0 ||
      actions.length > 50 ||
      !actions.every(a => typeof a === 'string' && ACTION.test(a))
    ) {
      throw new InputError(
        'Body field actions must be a list of 1 to 50 IAM actions such as sagemaker:CreateEndpoint',
      );
    }
    if (
      context !== undefined &&
      (typeof context !== 'object' ||
        Array.isArray(context) ||
        context === null)
    ) {
      throw new InputError(
        'Body field context must be an object of condition keys to values',
      );
    }
    if (
      resource !== undefined &&
      (typeof resource !== 'string' ||
        resource.length > 2048 ||
        !(resource === '*' || resource.startsWith('arn:')))
    ) {
      throw new InputError(
        'Body field resource must be a resource ARN (arn:…) or *',
      );
    }
    res.json({
      items: await status.evaluate(accountId, actions, context, resource),
    });
  });

  router.post('/projects/:project/studio-url', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const project = projectParam(req.params.project);
    const { profileName, actor, devAccountId } = await projects.authorizeStudio(
      credentials,
      project,
    );
    const answer = await status.studioUrl(project, profileName, devAccountId);
    await projects.recordStudioUrl(actor, project, profileName);
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
    const { pattern, owner, taskId, dryRun } = req.body ?? {};
    const record = await projects.claimProvisioning(
      credentials,
      projectParam(req.params.project),
      {
        pattern,
        owner: stringField('owner', owner),
        taskId: stringField('taskId', taskId),
        dryRun: dryRun === true,
      },
    );
    res.json({ record: record ?? null });
  });

  router.post('/projects/:project/provisioning/check', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await projects.checkChange(credentials, projectParam(req.params.project)),
    );
  });

  router.post('/projects/:project/provisioning/complete', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { taskId, accounts } = req.body ?? {};
    if (
      !Array.isArray(accounts) ||
      !accounts.every(
        a => typeof a?.stage === 'string' && isAccountId(a?.accountId),
      )
    ) {
      throw new InputError(
        'Body field accounts must list {stage, accountId} with 12-digit account ids',
      );
    }
    res.json(
      await projects.completeProvisioning(
        credentials,
        projectParam(req.params.project),
        stringField('taskId', taskId),
        accounts.map(a => ({ stage: a.stage, accountId: a.accountId })),
      ),
    );
  });

  router.post('/projects/:project/provisioning/release', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await projects.releaseProvisioning(
      credentials,
      projectParam(req.params.project),
      stringField('taskId', req.body?.taskId),
    );
    res.status(204).end();
  });

  router.post('/projects/:project/transfer', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await projects.transfer(
        credentials,
        projectParam(req.params.project),
        stringField('owner', req.body?.owner),
        stringField('reason', req.body?.reason),
      ),
    );
  });

  router.post('/projects/:project/adopt', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await projects.adopt(
        credentials,
        projectParam(req.params.project),
        stringField('owner', req.body?.owner),
      ),
    );
  });

  router.get('/audit', async (req, res) => {
    await authorize(req, mlEnvironmentsAuditReadPermission);
    const project =
      typeof req.query.project === 'string'
        ? projectParam(req.query.project)
        : undefined;
    const limit = Number(req.query.limit ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new InputError('Query limit must be a whole number from 1 to 1000');
    }
    res.json({ items: await projects.listAudit({ project, limit }) });
  });

  return router;
}

function stringField(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) {
    throw new InputError(`Body field ${name} must be a non-empty string`);
  }
  return value;
}
