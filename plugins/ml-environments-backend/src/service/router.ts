import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ACCOUNT_PATTERNS,
  mlEnvironmentsStatusReadPermission,
} from '@mlgov/plugin-ml-environments-common';
import express from 'express';
import Router from 'express-promise-router';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions } = options;
  const router = Router();
  router.use(express.json());

  async function requireStatusRead(req: express.Request) {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: mlEnvironmentsStatusReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to read ML environment status (${mlEnvironmentsStatusReadPermission.name})`,
      );
    }
  }

  router.get('/patterns', async (req, res) => {
    await requireStatusRead(req);
    res.json({ items: ACCOUNT_PATTERNS });
  });

  return router;
}
