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
 * Whether `name` is free, the user's own team's project or another team's,
 * from the suite's record (the authority on owners; the catalog and AWS tags
 * are not asked). `existing`: the template acts on a project that must exist.
 */
export async function checkProjectName(
  api: MlEnvironmentsApi,
  userGroups: string[],
  name: string,
  existing: boolean,
): Promise<NameAvailability> {
  const invalid = validateProjectSlug(name);
  if (invalid) return { usable: false, message: invalid };
  let record;
  try {
    record = await api.getProjectRecord(name);
  } catch (e) {
    if (e instanceof ResponseError && e.statusCode === 403) {
      return {
        usable: false,
        message: `'${name}' is another team's project: choose another name`,
      };
    }
    throw e;
  }
  if (!record) {
    return existing
      ? {
          usable: false,
          message: `No ML project is called '${name}': check the name on its catalog page`,
        }
      : { usable: true, message: `'${name}' is free` };
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
  if (existing) {
    return {
      usable: true,
      message: ours
        ? `Your team ${owner}'s ${record.pattern} project`
        : `${owner}'s ${record.pattern} project (its owner group decides)`,
    };
  }
  return ours
    ? {
        usable: true,
        message: `Your team ${owner} already has this project: running the template again brings it up to date and creates nothing twice`,
      }
    : {
        usable: false,
        message: `'${name}' is ${owner}'s project: choose another name`,
      };
}
