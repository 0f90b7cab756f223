import {
  OrganizationsClient,
  paginateListTagsForResource,
} from '@aws-sdk/client-organizations';

/**
 * The tags of an account, OU, root or policy, every page of them.
 *
 * @public
 */
export async function readOrganizationTags(
  client: OrganizationsClient,
  resourceId: string,
): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  for await (const page of paginateListTagsForResource(
    { client },
    { ResourceId: resourceId },
  )) {
    for (const tag of page.Tags ?? []) tags[tag.Key!] = tag.Value ?? '';
  }
  return tags;
}
