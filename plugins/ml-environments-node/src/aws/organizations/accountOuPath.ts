import {
  DescribeOrganizationalUnitCommand,
  ListParentsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';

/**
 * The path below the root of the OU an account is in (e.g.
 * `Workloads/Team_Shared_Services`), read upwards with ListParents; empty
 * for an account directly in the root.
 *
 * @public
 */
export async function accountOuPath(
  client: OrganizationsClient,
  accountId: string,
): Promise<string> {
  const names: string[] = [];
  let childId = accountId;
  // An organization is at most five OUs deep (Organizations quotas).
  for (let depth = 0; depth <= 5; depth++) {
    const { Parents } = await client.send(
      new ListParentsCommand({ ChildId: childId }),
    );
    const parent = Parents?.[0];
    if (!parent || parent.Type === 'ROOT') return names.join('/');
    const { OrganizationalUnit } = await client.send(
      new DescribeOrganizationalUnitCommand({
        OrganizationalUnitId: parent.Id,
      }),
    );
    names.unshift(OrganizationalUnit!.Name!);
    childId = parent.Id!;
  }
  throw new Error(`Account ${accountId} is deeper than AWS allows`);
}
