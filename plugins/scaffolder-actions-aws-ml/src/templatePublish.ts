import { RootConfigService } from '@backstage/backend-plugin-api';

/** The template global the suite's templates choose their publish step by. */
export const TEMPLATE_PUBLISH_GLOBAL = 'mlEnvironmentsPublish';

export interface TemplatePublishSettings {
  /** `none` when not configured: templates then skip publishing and say so. */
  target: 'github' | 'gitlab' | 'local' | 'none';
  host: string;
  owner: string;
}

const DEFAULT_HOSTS = { github: 'github.com', gitlab: 'gitlab.com' };

/**
 * Reads `mlEnvironments.templates.publish`, failing with the key's name so a
 * wrong setting stops the start rather than every template run.
 */
export function readTemplatePublishSettings(
  config: RootConfigService,
): TemplatePublishSettings {
  const key = 'mlEnvironments.templates.publish';
  const publish = config.getOptionalConfig(key);
  if (!publish) return { target: 'none', host: '', owner: '' };
  const target = publish.getString('target');
  if (target === 'local') return { target, host: '', owner: '' };
  if (target !== 'github' && target !== 'gitlab') {
    throw new Error(
      `Invalid configuration at ${key}.target: '${target}'; use github, gitlab or local`,
    );
  }
  const owner = publish.getOptionalString('owner');
  if (!owner) {
    throw new Error(
      `Missing configuration at ${key}.owner: the ${target} organization or group that receives the projects' repositories`,
    );
  }
  return {
    target,
    host: publish.getOptionalString('host') ?? DEFAULT_HOSTS[target],
    owner,
  };
}
