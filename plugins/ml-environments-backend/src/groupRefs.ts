import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Group refs from a config key, in the form records and ownership claims
 * use (group:default/platform-team); undefined when the key is not set.
 */
export function readGroupRefs(config: Config, key: string) {
  return config
    .getOptionalStringArray(key)
    ?.map(ref =>
      stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' })),
    );
}
