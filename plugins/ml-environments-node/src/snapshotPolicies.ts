import {
  DescribePolicyCommand,
  OrganizationsClient,
  PolicyNotFoundException,
  paginateListPolicies,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations';
import { SnapshotPolicy } from '@mlgov/plugin-ml-environments-common';
import { mapWithLimit } from './concurrency';
import { allPages } from './pages';

/** Every SCP with its targets, `concurrency` policies at a time. */
export async function readPolicies(
  client: OrganizationsClient,
  concurrency = 1,
): Promise<SnapshotPolicy[]> {
  const summaries = await allPages(
    paginateListPolicies({ client }, { Filter: 'SERVICE_CONTROL_POLICY' }),
    page => page.Policies,
  );
  const policies = await mapWithLimit(summaries, concurrency, summary =>
    readPolicy(client, summary.Id!),
  );
  return policies.filter((p): p is SnapshotPolicy => Boolean(p));
}

/** One SCP with its targets; undefined when it no longer exists. */
export async function readPolicy(
  client: OrganizationsClient,
  policyId: string,
): Promise<SnapshotPolicy | undefined> {
  let policy;
  try {
    ({ Policy: policy } = await client.send(
      new DescribePolicyCommand({ PolicyId: policyId }),
    ));
  } catch (error) {
    if (error instanceof PolicyNotFoundException) return undefined;
    throw error;
  }
  const summary = policy?.PolicySummary;
  if (summary?.Type && summary.Type !== 'SERVICE_CONTROL_POLICY') {
    return undefined;
  }
  // Targets per policy: one call per policy instead of one per target.
  const targets: string[] = [];
  for await (const page of paginateListTargetsForPolicy(
    { client },
    { PolicyId: policyId },
  )) {
    targets.push(...(page.Targets ?? []).map(t => t.TargetId!));
  }
  return {
    id: policyId,
    name: summary?.Name ?? policyId,
    awsManaged: Boolean(summary?.AwsManaged),
    content: policy?.Content ?? '',
    targets,
  };
}
