import { Config } from '@backstage/config';
import express from 'express';

/**
 * Why the suite must not serve in this deployment, or undefined: in
 * production with the permission framework off, Backstage grants every
 * permission to everyone, the suite's included (who may approve an
 * exception, retire a project, adopt one). The guard goes with the plugin,
 * so an adopter who installs only the plugins keeps it.
 */
export function unsafeDeploymentReason(
  config: Config,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const production =
    env.NODE_ENV === 'production' ||
    config.getOptionalString('auth.environment') === 'production';
  if (!production) return undefined;
  if (config.getOptionalBoolean('permission.enabled') === true) {
    return undefined;
  }
  return "The ML environments suite refuses to serve: this is production and permission.enabled is not true, so every permission, the suite's included, would be granted to everyone. Set permission.enabled: true and install a policy (the suite ships permissionModuleMlEnvironmentsPolicy)";
}

/** Answers every suite route with the reason (503), before anything else runs. */
export function refuseEveryRoute(reason: string): express.Router {
  const router = express.Router();
  router.use((_req, res) => {
    res.status(503).json({
      error: { name: 'ServiceUnavailableError', message: reason },
    });
  });
  return router;
}
