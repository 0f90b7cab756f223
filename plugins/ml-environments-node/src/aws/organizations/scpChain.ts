import {
  DescribeOrganizationalUnitCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { ScpLevel } from '@mlgov/plugin-ml-environments-common';

/**
 * The SCPs in force for an account right now, level by level from the root
 * down to the account itself, read from AWS Organizations (as the
 * management account). Approved exceptions are carve-outs inside these
 * documents, so they are read with them. A document that does not parse is
 * kept as an empty one named as such, never dropped silently: the caller's
 * evaluator then cannot find an Allow there and says so.
 *
 * @public
 */
export async function readScpChain(
  client: OrganizationsClient,
  accountId: string,
): Promise<ScpLevel[]> {
  const levels: Array<{ id: string; name?: string; root?: boolean }> = [
    { id: accountId },
  ];
  let childId = accountId;
  // An organization is at most five OUs deep (Organizations quotas).
  for (let depth = 0; depth <= 6; depth++) {
    const { Parents } = await client.send(
      new ListParentsCommand({ ChildId: childId }),
    );
    const parent = Parents?.[0];
    if (!parent?.Id) break;
    if (parent.Type === 'ROOT') {
      levels.unshift({ id: parent.Id, root: true });
      break;
    }
    const { OrganizationalUnit } = await client.send(
      new DescribeOrganizationalUnitCommand({
        OrganizationalUnitId: parent.Id,
      }),
    );
    levels.unshift({ id: parent.Id, name: OrganizationalUnit?.Name });
    childId = parent.Id;
  }
  if (!levels[0].root) {
    throw new Error(
      `Could not read the chain of OUs above account ${accountId} up to the root`,
    );
  }
  const documents = new Map<string, Promise<string>>();
  const contentOf = (policyId: string) => {
    if (!documents.has(policyId)) {
      documents.set(
        policyId,
        client
          .send(new DescribePolicyCommand({ PolicyId: policyId }))
          .then(({ Policy }) => Policy?.Content ?? ''),
      );
    }
    return documents.get(policyId)!;
  };
  const path: string[] = [];
  const chain: ScpLevel[] = [];
  for (const level of levels) {
    if (level.name) path.push(level.name);
    let label = `account ${accountId}`;
    if (level.root) label = 'Root';
    else if (level.name) label = `OU ${path.join('/')}`;
    const policies: ScpLevel['policies'] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new ListPoliciesForTargetCommand({
          TargetId: level.id,
          Filter: 'SERVICE_CONTROL_POLICY',
          NextToken,
        }),
      );
      for (const summary of page.Policies ?? []) {
        const content = await contentOf(summary.Id!);
        let document;
        try {
          document = JSON.parse(content);
        } catch {
          document = { Version: '2012-10-17', Statement: [] };
        }
        policies.push({ name: summary.Name ?? summary.Id!, document });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    chain.push({ label, policies });
  }
  return chain;
}
