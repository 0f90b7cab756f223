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
 * What the template does to an existing project that only some may do:
 * the form asks the backend whether the signed-in user may (the permission
 * framework's decision on the suite's record of the project).
 */
export interface ProjectAction {
  /** E.g. `retire`, for the message. */
  verb: string;
  /** Whether the backend allows this user the action on this project. */
  allowed(project: string): Promise<boolean>;
}

/**
 * For a new project: whether `name` can be provisioned by this user, as the
 * backend's one rule says (GET …/availability: the suite's record and the
 * AWS accounts tagged with the name). `existing`: the template acts on a
 * project that must exist, read from the suite's record; with `action`, only
 * a project the user may act on so is usable.
 */
export async function checkProjectName(
  api: MlEnvironmentsApi,
  userGroups: string[],
  name: string,
  existing: boolean,
  action?: ProjectAction,
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
  if (action && !(await action.allowed(name))) {
    return {
      usable: false,
      message: `You may not ${action.verb} '${name}': only its owner group ${owner} and the suite's administrators can. Ask someone in ${owner}, or choose one of your team's projects`,
    };
  }
  return {
    usable: true,
    message: ours
      ? `Your team ${owner}'s ${record.pattern} project`
      : `${owner}'s ${record.pattern} project (its owner group decides)`,
  };
}
