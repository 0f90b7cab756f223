import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ACCOUNT_PATTERNS,
  ML_PROJECT_ANNOTATION,
  mlEnvironmentsRefreshPermission,
  mlEnvironmentsStatusReadPermission,
  mlEnvironmentsStudioUrlPermission,
  validateProjectSlug,
} from '@mlgov/plugin-ml-environments-common';
import express from 'express';
import Router from 'express-promise-router';
import { StatusService } from './StatusService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  catalog: CatalogService;
  status: StatusService;
}

const ACCOUNT_ID = /^\d{12}$/;
const ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/;

function projectParam(value: string) {
  const problem = validateProjectSlug(value);
  if (problem) throw new InputError(`Path parameter project: ${problem}`);
  return value;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, userInfo, catalog, status } = options;
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
    res.json(await status.organization());
  });

  router.get('/projects/:project', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    res.json(await status.project(projectParam(req.params.project)));
  });

  router.get('/targets/:id/guardrails', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    res.json(await status.target(req.params.id));
  });

  router.post('/evaluate', async (req, res) => {
    await authorize(req, mlEnvironmentsStatusReadPermission);
    const { accountId, actions, context } = req.body ?? {};
    if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
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
    res.json({ items: await status.evaluate(accountId, actions, context) });
  });

  router.post('/projects/:project/studio-url', async (req, res) => {
    const credentials = await authorize(req, mlEnvironmentsStudioUrlPermission);
    const project = projectParam(req.params.project);
    const profileName = await requireProjectMember(credentials, project);
    res.setHeader('cache-control', 'no-store');
    res.json(await status.studioUrl(project, profileName));
  });

  router.post('/refresh', async (req, res) => {
    await authorize(req, mlEnvironmentsRefreshPermission);
    res.json(await status.refresh());
  });

  /** The user's own Studio profile name, once they are in the project's owner group. */
  async function requireProjectMember(
    credentials: BackstageCredentials,
    project: string,
  ) {
    const info = await userInfo.getUserInfo(credentials);
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'System',
          [`metadata.annotations.${ML_PROJECT_ANNOTATION}`]: project,
        },
      },
      { credentials },
    );
    const owner = items[0]?.spec?.owner;
    if (typeof owner !== 'string') {
      throw new NotFoundError(
        `No catalog System is annotated ${ML_PROJECT_ANNOTATION}: ${project}`,
      );
    }
    const ownerRef = stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
    if (!info.ownershipEntityRefs.includes(ownerRef)) {
      throw new NotAllowedError(
        `Only members of ${ownerRef}, which owns ${project}, can open its SageMaker Studio`,
      );
    }
    // Studio profiles are named after the user entity, e.g. user:default/jane-doe → jane-doe.
    return parseEntityRef(info.userEntityRef).name;
  }

  return router;
}
