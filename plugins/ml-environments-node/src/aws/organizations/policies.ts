import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DescribePolicyCommand,
  DuplicatePolicyAttachmentException,
  DuplicatePolicyException,
  OrganizationsClient,
  paginateListPolicies,
  PolicySummary,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { isDeepStrictEqual } from 'node:util';
import { listDirectScps } from '../../preflight';
import { DRY_RUN_ID, ProvisioningStep } from '../step';

/**
 * Whether two policy documents say the same: AWS may give a document back
 * reformatted, so they are compared as JSON values, not as text.
 */
export function sameDocument(stored: string | undefined, wanted: string) {
  if (stored === undefined) return false;
  try {
    return isDeepStrictEqual(JSON.parse(stored), JSON.parse(wanted));
  } catch {
    return stored === wanted;
  }
}

export interface PolicyRequest {
  name: string;
  description: string;
  content: string;
}

/**
 * The organization's SCPs by name (ListPolicies). A run that attaches to
 * several targets reads them once and passes the map to each
 * ensurePoliciesAttached, which adds what it makes.
 *
 * @public
 */
export async function findPolicies(client: OrganizationsClient) {
  const byName = new Map<string, PolicySummary>();
  for await (const page of paginateListPolicies(
    { client },
    { Filter: 'SERVICE_CONTROL_POLICY' },
  )) {
    for (const policy of page.Policies ?? []) byName.set(policy.Name!, policy);
  }
  return byName;
}

/** Brings a policy's document back to the library's when it differs. */
async function ensurePolicyContent(
  client: OrganizationsClient,
  id: string,
  policy: PolicyRequest,
  step: ProvisioningStep,
) {
  const { Policy } = await client.send(
    new DescribePolicyCommand({ PolicyId: id }),
  );
  if (!sameDocument(Policy?.Content, policy.content)) {
    if (step.isDryRun) {
      step.logger.info(
        `Dry run: would update SCP ${policy.name} to the library's current document`,
      );
    } else {
      await client.send(
        new UpdatePolicyCommand({ PolicyId: id, Content: policy.content }),
      );
      step.logger.info(
        `Updated SCP ${policy.name} to the library's current document`,
      );
    }
  }
}

/**
 * Makes sure each policy exists with this content and is attached to the
 * target. Call checkScpQuota before, so the quota is checked before any change.
 */
export async function ensurePoliciesAttached(
  client: OrganizationsClient,
  target: {
    id: string;
    label: string;
    /** The names of the SCPs attached to it directly, when just read. */
    attached?: string[];
  },
  policies: PolicyRequest[],
  step: ProvisioningStep,
  /** Names of policies whose documents this run has already checked. */
  checked = new Set<string>(),
  /**
   * Asked before each attachment this run would make (dry run or not); a
   * false answer leaves the SCP unattached (its author logs why).
   */
  mayAttach?: (policyName: string) => Promise<boolean>,
  /** The SCPs by name, when the run has read them (findPolicies). */
  known?: Promise<Map<string, PolicySummary>>,
): Promise<Record<string, string>> {
  const existing = await (known ?? findPolicies(client));
  // A target that a dry run would create has nothing attached yet.
  const attached = new Set(
    target.id === DRY_RUN_ID
      ? []
      : target.attached ??
        (await listDirectScps(client, target.id)).map(p => p.Name),
  );
  const ids: Record<string, string> = {};
  for (const policy of policies) {
    let id = existing.get(policy.name)?.Id;
    if (id) {
      if (!checked.has(policy.name)) {
        checked.add(policy.name);
        await ensurePolicyContent(client, id, policy, step);
      }
    } else if (step.isDryRun) {
      step.logger.info(`Dry run: would create SCP ${policy.name}`);
    } else {
      id = await step.checkpoint(
        `organizations.createPolicy.${policy.name}`,
        async () => {
          try {
            const { Policy } = await client.send(
              new CreatePolicyCommand({
                Name: policy.name,
                Description: policy.description,
                Content: policy.content,
                Type: 'SERVICE_CONTROL_POLICY',
              }),
            );
            step.logger.info(
              `Created SCP ${policy.name}: ${Policy!.PolicySummary!.Id}`,
            );
            return Policy!.PolicySummary!.Id!;
          } catch (error) {
            // Made by another run, or by our own call whose answer was lost.
            if (!(error instanceof DuplicatePolicyException)) throw error;
            const made = (await findPolicies(client)).get(policy.name);
            if (!made) throw error;
            await ensurePolicyContent(client, made.Id!, policy, step);
            return made.Id!;
          }
        },
      );
      existing.set(policy.name, { Id: id, Name: policy.name });
    }
    ids[policy.name] = id ?? DRY_RUN_ID;

    if (attached.has(policy.name)) {
      step.logger.info(
        `SCP ${policy.name} is already attached to ${target.label}`,
      );
    } else if (mayAttach && !(await mayAttach(policy.name))) {
      continue;
    } else if (step.isDryRun) {
      step.logger.info(
        `Dry run: would attach SCP ${policy.name} to ${target.label}`,
      );
    } else {
      try {
        await client.send(
          new AttachPolicyCommand({ PolicyId: id, TargetId: target.id }),
        );
      } catch (error) {
        if (!(error instanceof DuplicatePolicyAttachmentException)) throw error;
      }
      attached.add(policy.name);
      step.logger.info(`Attached SCP ${policy.name} to ${target.label}`);
    }
  }
  return ids;
}

/**
 * Brings an existing SCP's document to `content` when AWS holds another;
 * 'absent' when no SCP has that name (nothing is created).
 */
export async function ensurePolicyDocument(
  client: OrganizationsClient,
  name: string,
  content: string,
): Promise<'updated' | 'unchanged' | 'absent'> {
  const id = (await findPolicies(client)).get(name)?.Id;
  if (!id) return 'absent';
  const { Policy } = await client.send(
    new DescribePolicyCommand({ PolicyId: id }),
  );
  if (sameDocument(Policy?.Content, content)) return 'unchanged';
  await client.send(
    new UpdatePolicyCommand({ PolicyId: id, Content: content }),
  );
  return 'updated';
}
