import { isStudioProfileName } from '@mlgov/plugin-ml-environments-common';
import {
  MemberAccountClients,
  ProvisioningStep,
  ensureUserProfile,
} from '@mlgov/plugin-ml-environments-node';

/**
 * A Studio profile for each member of the owner group, named after their
 * user entity as the Studio URL route expects (looked up first, so a re-run
 * makes none twice). Names SageMaker would refuse are skipped, saying so.
 * Each carries its account's tags, which the cost-tag guardrail requires.
 */
export async function ensureStudioProfiles(
  member: Pick<MemberAccountClients, 'accountId' | 'sageMaker'>,
  domainId: string,
  members: string[],
  tags: Record<string, string>,
  step: ProvisioningStep,
) {
  const made: string[] = [];
  for (const name of members) {
    if (!isStudioProfileName(name)) {
      step.logger.warn(
        `No Studio profile for ${name}: SageMaker profile names are letters, digits and hyphens; that user opens Studio once an administrator makes one`,
      );
      continue;
    }
    if (step.isDryRun) {
      step.logger.info(`Dry run: would make the Studio profile ${name}`);
    } else {
      const { created } = await ensureUserProfile(member.sageMaker, {
        domainId,
        userProfileName: name,
        tags,
      });
      step.logger.info(
        `Studio profile ${name} ${created ? 'made' : 'exists'} in ${
          member.accountId
        }`,
      );
    }
    made.push(name);
  }
  return made;
}
