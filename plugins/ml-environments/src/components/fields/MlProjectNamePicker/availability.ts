import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { validateProjectSlug } from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsApi } from '../../../api';

/** What a project name means to the signed-in user. */
export interface NameAvailability {
  /** Whether the template can go on with this name. */
  usable: boolean;
  /** One sentence for the user. */
  message: string;
}

function teamName(ref: string) {
  return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });
}

/**
 * For a new project: whether `name` can be provisioned by this user, as the
 * backend's one rule says (GET …/availability: the suite's record and the
 * AWS accounts tagged with the name). `existing`: the template acts on a
 * project that must exist, read from the suite's record.
 */
export async function checkProjectName(
  api: MlEnvironmentsApi,
  userGroups: string[],
  name: string,
  existing: boolean,
): Promise<NameAvailability> {
  const invalid = validateProjectSlug(name);
  if (invalid) return { usable: false, message: invalid };
  if (!existing) {
    // The backend's rule, the one provisioning applies: record and AWS tags.
    const { available, reason } = await api.getProjectAvailability(name);
    return { usable: available, message: reason };
  }
  let record;
  try {
    record = await api.getProjectRecord(name);
  } catch (e) {
    if (e instanceof ResponseError && e.statusCode === 403) {
      return {
        usable: false,
        message: `'${name}' is another team's project, which only its owner group can act on`,
      };
    }
    throw e;
  }
  if (!record) {
    return {
      usable: false,
      message: `No ML project is called '${name}': check the name on its catalog page`,
    };
  }
  if (record.retirement) {
    return {
      usable: false,
      message: `'${name}' was retired on ${record.retirement.requestedAt.slice(
        0,
        10,
      )}; names are never reused`,
    };
  }
  const owner = teamName(record.owner);
  const ours = userGroups
    .map(g => g.toLowerCase())
    .includes(record.owner.toLowerCase());
  return {
    usable: true,
    message: ours
      ? `Your team ${owner}'s ${record.pattern} project`
      : `${owner}'s ${record.pattern} project (its owner group decides)`,
  };
}
