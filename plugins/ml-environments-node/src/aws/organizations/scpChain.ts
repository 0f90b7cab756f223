import {
  DescribeOrganizationalUnitCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { ScpLevel } from '@mlgov/plugin-ml-environments-common';

/**
 * What readScpChain has read, to share between the chains of one run: each
 * child's parent, each OU's name, each target's attached SCPs and each
 * SCP's document, as promises so that concurrent readers wait for one call.
 * Share one only between reads that nothing in between may change (e.g.
 * after the run's own guardrails and Control Tower work have settled):
 * later changes are not seen through it.
 *
 * @public
 */
export interface ScpChainCache {
  /** Each child's parent (ListParents), by child id. */
  parents: Map<string, Promise<{ Id?: string; Type?: string } | undefined>>;
  /** Each OU's name (DescribeOrganizationalUnit), by OU id. */
  ouNames: Map<string, Promise<string | undefined>>;
  /** The SCPs attached to each target (ListPoliciesForTarget), by target id. */
  attached: Map<string, Promise<Array<{ Id?: string; Name?: string }>>>;
  /** Each SCP's document (DescribePolicy), by policy id. */
  documents: Map<string, Promise<string>>;
}

/** An empty cache for readScpChain. @public */
export function createScpChainCache(): ScpChainCache {
  return {
    parents: new Map(),
    ouNames: new Map(),
    attached: new Map(),
    documents: new Map(),
  };
}

function once<T>(
  map: Map<string, Promise<T>>,
  key: string,
  read: () => Promise<T>,
) {
  if (!map.has(key)) {
    const reading = read();
    // A failed read is not kept: the next reader tries again.
    reading.catch(() => map.delete(key));
    map.set(key, reading);
  }
  return map.get(key)!;
}

/**
 * An SCP's document through the cache (DescribePolicy at most once), e.g.
 * to read ahead the documents of SCPs a run does not change while its
 * DescribePolicy budget is idle.
 *
 * @public
 */
export function scpDocument(
  client: OrganizationsClient,
  cache: ScpChainCache,
  policyId: string,
): Promise<string> {
  return once(cache.documents, policyId, () =>
    client
      .send(new DescribePolicyCommand({ PolicyId: policyId }))
      .then(({ Policy }) => Policy?.Content ?? ''),
  );
}

/**
 * The levels above an account, from the root down to the account itself:
 * the root, each OU with its name, the account; read with ListParents and
 * DescribeOrganizationalUnit through the cache's parents and OU names, which
 * a run does not change for accounts it does not move.
 *
 * @public
 */
export async function readOuLevels(
  client: OrganizationsClient,
  accountId: string,
  cache: Pick<ScpChainCache, 'parents' | 'ouNames'>,
): Promise<Array<{ id: string; name?: string; root?: boolean }>> {
  const levels: Array<{ id: string; name?: string; root?: boolean }> = [
    { id: accountId },
  ];
  let childId = accountId;
  // An organization is at most five OUs deep (Organizations quotas).
  for (let depth = 0; depth <= 6; depth++) {
    const child = childId;
    const parent = await once(cache.parents, child, async () => {
      const { Parents } = await client.send(
        new ListParentsCommand({ ChildId: child }),
      );
      return Parents?.[0];
    });
    if (!parent?.Id) break;
    if (parent.Type === 'ROOT') {
      levels.unshift({ id: parent.Id, root: true });
      break;
    }
    const ouId = parent.Id;
    const name = await once(cache.ouNames, ouId, async () => {
      const { OrganizationalUnit } = await client.send(
        new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ouId }),
      );
      return OrganizationalUnit?.Name;
    });
    levels.unshift({ id: ouId, name });
    childId = ouId;
  }
  if (!levels[0].root) {
    throw new Error(
      `Could not read the chain of OUs above account ${accountId} up to the root`,
    );
  }
  return levels;
}

/**
 * The SCPs in force for an account right now, level by level from the root
 * down to the account itself, read from AWS Organizations (as the
 * management account). Approved exceptions are carve-outs inside these
 * documents, so they are read with them. A document that does not parse is
 * kept as an empty one named as such, never dropped silently: the caller's
 * evaluator then cannot find an Allow there and says so. With a `cache`,
 * what it already holds is not read again (DescribePolicy is 2 calls a
 * second at AWS, so a run that checks several launches reads each once).
 *
 * @public
 */
export async function readScpChain(
  client: OrganizationsClient,
  accountId: string,
  cache: ScpChainCache = createScpChainCache(),
): Promise<ScpLevel[]> {
  const levels = await readOuLevels(client, accountId, cache);
  const contentOf = (policyId: string) => scpDocument(client, cache, policyId);
  const attachedTo = (targetId: string) =>
    once(cache.attached, targetId, async () => {
      const summaries: Array<{ Id?: string; Name?: string }> = [];
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new ListPoliciesForTargetCommand({
            TargetId: targetId,
            Filter: 'SERVICE_CONTROL_POLICY',
            NextToken,
          }),
        );
        summaries.push(...(page.Policies ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      return summaries;
    });
  const path: string[] = [];
  const chain: ScpLevel[] = [];
  for (const level of levels) {
    if (level.name) path.push(level.name);
    let label = `account ${accountId}`;
    if (level.root) label = 'Root';
    else if (level.name) label = `OU ${path.join('/')}`;
    const policies: ScpLevel['policies'] = [];
    for (const summary of await attachedTo(level.id)) {
      const content = await contentOf(summary.Id!);
      let document;
      try {
        document = JSON.parse(content);
      } catch {
        document = { Version: '2012-10-17', Statement: [] };
      }
      policies.push({ name: summary.Name ?? summary.Id!, document });
    }
    chain.push({ label, policies });
  }
  return chain;
}
