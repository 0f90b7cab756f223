import {
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';

/** The organization's root id. */
export async function getRootIdOf(
  client: OrganizationsClient,
): Promise<string> {
  const { Roots } = await client.send(new ListRootsCommand({}));
  const rootId = Roots?.[0]?.Id;
  if (!rootId) {
    throw new Error(
      'The organization has no root; is AWS Organizations enabled with all features?',
    );
  }
  return rootId;
}
