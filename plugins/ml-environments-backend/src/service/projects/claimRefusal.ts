import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  MlProjectRecord,
  MlProvisioningClaim,
  mlProjectCreatePermission,
  nameAvailability,
} from '@mlgov/plugin-ml-environments-common';
import { ProjectAccess } from './ProjectAccess';
import { ProjectRecords } from './ProjectRecords';
import { retiredError } from './retiredError';

/**
 * Why this user may not provision this project as claimed, or undefined:
 * a recorded project is changed only by its owner group's members, with
 * its pattern and owner; a new one needs the create permission, an owner
 * group the user belongs to, and a name the rule of the templates' name
 * field (GET …/availability) says is free.
 */
export async function claimRefusal(
  deps: { access: ProjectAccess; records: ProjectRecords },
  claimed: {
    credentials: BackstageCredentials;
    actor: { ref: string; ownership: string[] };
    project: string;
    claim: MlProvisioningClaim;
    /** The claim's owner group, normalized. */
    owner: string;
    record?: MlProjectRecord;
  },
): Promise<Error | undefined> {
  const { access, records } = deps;
  const { credentials, actor, project, claim, owner, record } = claimed;
  if (record?.retirement) {
    return retiredError(record);
  }
  if (record) {
    if (!(await access.mayChange(credentials, actor, record))) {
      return new NotAllowedError(
        `${actor.ref} may not provision ML project ${project}: it is owned by ${record.owner}, and only its members can change it`,
      );
    }
    if (record.pattern !== claim.pattern) {
      return new ConflictError(
        `ML project ${project} follows the ${record.pattern} pattern, not ${claim.pattern}; start a new project for a different pattern`,
      );
    }
    if (record.owner !== owner) {
      return new ConflictError(
        `ML project ${project} is owned by ${record.owner}, not ${owner}; an administrator moves a project to another group with aws:ml:transferProject`,
      );
    }
  } else {
    if (!(await access.allowed(credentials, mlProjectCreatePermission))) {
      return new NotAllowedError(
        `${actor.ref} may not start new ML projects (${mlProjectCreatePermission.name})`,
      );
    }
    if (!actor.ownership.includes(owner)) {
      return new NotAllowedError(
        `${actor.ref} is not a member of ${owner}; pick a group you belong to as the project's owner`,
      );
    }
    const notAGroup = await access.requireGroup(owner).then(
      () => undefined,
      (error: Error) => error,
    );
    if (notAGroup) return notAGroup;
    // The same rule the templates' name field shows (GET …/availability).
    const name = nameAvailability({
      name: project,
      taggedAccountIds: ((await records.taggedAccounts(project)) ?? []).map(
        a => a.id,
      ),
      userGroups: actor.ownership,
    });
    if (!name.available) {
      return name.kind === 'invalid'
        ? new InputError(name.reason)
        : new ConflictError(name.reason);
    }
  }
  return undefined;
}
