import {
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';

const rootIds = new WeakMap<OrganizationsClient, Promise<string>>();

/** The organization's root id; a root never changes, so each client asks once. */
export function getRootId(client: OrganizationsClient): Promise<string> {
  if (!rootIds.has(client)) {
    const lookup = readRootId(client);
    lookup.catch(() => rootIds.delete(client));
    rootIds.set(client, lookup);
  }
  return rootIds.get(client)!;
}

async function readRootId(client: OrganizationsClient): Promise<string> {
  const { Roots } = await client.send(new ListRootsCommand({}));
  const rootId = Roots?.[0]?.Id;
  if (!rootId) {
    throw new Error(
      'The organization has no root; is AWS Organizations enabled with all features?',
    );
  }
  return rootId;
}
