import { ACCOUNT_TAGS } from './accountTags';
import { MlProjectRecord } from './projectRecord';
import { NameAvailability } from './schema/openapi';
import { validateProjectSlug } from './validation';

/**
 * The one rule for a project name, shown by the templates' name field and
 * applied by provisioning's claim: free, the user's own team's project (a
 * re-run), or taken (invalid, retired, another team's, or carried by AWS
 * accounts the suite has no record of).
 *
 * @public
 */
export function nameAvailability(input: {
  name: string;
  record?: Pick<MlProjectRecord, 'owner' | 'pattern' | 'retirement'>;
  /** Accounts AWS tags with the name (from a complete snapshot). */
  taggedAccountIds: string[];
  /** The user's ownership refs (their groups). */
  userGroups: string[];
  /** How the owner group is shown to people. */
  teamName?: (ref: string) => string;
}): NameAvailability {
  const { name, record, taggedAccountIds } = input;
  const team = input.teamName ?? ((ref: string) => ref);
  const invalid = validateProjectSlug(name);
  if (invalid) return { available: false, reason: invalid, kind: 'invalid' };
  if (record?.retirement) {
    return {
      available: false,
      kind: 'retired',
      reason: `'${name}' was retired on ${record.retirement.requestedAt.slice(
        0,
        10,
      )}; names are never reused: choose another name`,
    };
  }
  if (record) {
    const ours = input.userGroups
      .map(g => g.toLowerCase())
      .includes(record.owner.toLowerCase());
    return ours
      ? {
          available: true,
          reason: `Your team ${team(
            record.owner,
          )} already has this project: running the template again brings it up to date and creates nothing twice`,
        }
      : {
          available: false,
          kind: 'other-team',
          reason: `'${name}' is ${team(
            record.owner,
          )}'s project: choose another name`,
        };
  }
  if (taggedAccountIds.length > 0) {
    return {
      available: false,
      kind: 'unrecorded-accounts',
      reason: `The name ${name} is taken: AWS accounts ${taggedAccountIds.join(
        ', ',
      )} are tagged ${
        ACCOUNT_TAGS.project
      }=${name} but the suite has no record of that project; choose another name, or ask an administrator to adopt it`,
    };
  }
  return { available: true, reason: `'${name}' is free` };
}
