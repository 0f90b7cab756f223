import {
  OrganizationsClient,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import { readOrganizationTags } from '../../tags';
import { ProvisioningStep } from '../step';

/** Adds or corrects the given tags, leaving the others as they are. */
export async function ensureTags(
  client: OrganizationsClient,
  resourceId: string,
  tags: Record<string, string>,
  step: ProvisioningStep,
) {
  const current = await readOrganizationTags(client, resourceId);
  const missing = Object.entries(tags).filter(
    ([key, value]) => current[key] !== value,
  );
  if (missing.length === 0) return;
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would tag ${resourceId} with ${missing
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
    return;
  }
  await client.send(
    new TagResourceCommand({
      ResourceId: resourceId,
      Tags: missing.map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  step.logger.info(
    `Tagged ${resourceId} with ${missing
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
}
