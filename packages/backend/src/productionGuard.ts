/** The documented override, for a staging server that needs the dev extras. */
export const DEV_EXTRAS_OVERRIDE =
  'ML_ENVIRONMENTS_DANGEROUSLY_ALLOW_DEV_EXTRAS_IN_PRODUCTION';

export interface StartSettings {
  env: Record<string, string | undefined>;
  /** `auth.environment` from the configuration. */
  authEnvironment?: string;
  /** `permission.enabled` from the configuration. */
  permissionEnabled?: boolean;
}

/**
 * Why this backend must not start, or undefined. The dev extras (guest
 * sign-in, file locations, local publishing) load only when scripts/dev.sh
 * asks for them, and never in production unless the override is set; in
 * production the permission framework must be on, or every permission,
 * including the suite's, is granted to everyone.
 */
export function unsafeStartReason(settings: StartSettings): string | undefined {
  const production =
    settings.env.NODE_ENV === 'production' ||
    settings.authEnvironment === 'production';
  if (!production) return undefined;
  if (
    settings.env.ML_ENVIRONMENTS_DEV_EXTRAS === 'true' &&
    settings.env[DEV_EXTRAS_OVERRIDE] !== 'true'
  ) {
    return `Refusing to start: ML_ENVIRONMENTS_DEV_EXTRAS=true adds guest sign-in, file catalog locations and local publishing, which let any signed-in user read the server's files, but this is production (NODE_ENV=${settings.env.NODE_ENV}, auth.environment=${settings.authEnvironment}). Unset ML_ENVIRONMENTS_DEV_EXTRAS, or set ${DEV_EXTRAS_OVERRIDE}=true if you really mean it.`;
  }
  if (settings.permissionEnabled !== true) {
    return 'Refusing to start: permission.enabled is not true, so every permission would be granted to everyone; set permission.enabled: true (the suite ships its policy as permissionModuleMlEnvironmentsPolicy).';
  }
  return undefined;
}
