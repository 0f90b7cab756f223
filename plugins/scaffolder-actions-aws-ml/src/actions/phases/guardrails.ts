import { ProvisioningPlan } from '@mlgov/plugin-ml-environments-common';
import {
  DRY_RUN_ID,
  ensurePoliciesAttached,
  findPolicies,
  getRootId,
  throwIfAborted,
} from '@mlgov/plugin-ml-environments-node';
import { EnsuredOu, PhaseContext, settleAll } from './context';
import { SharedChanges } from '../provisionProject.sharedChanges';

/** How a plan names a policy target: the OU path, or `root`/`account`. */
export const targetKey = (
  t: ProvisioningPlan['policies'][number]['targets'][number],
) => (t.type === 'ou' ? t.path : t.type);

/**
 * The guardrails phase: the plan's SCPs made (or brought to the library's
 * document) and attached to the root and the OUs. The targets are handled
 * side by side: Organizations documents no limit on concurrent attachments
 * beyond its request rates, which the clients' rate limiter and retries
 * keep. What pre-flight found attached is not read again.
 */
export async function guardrailsPhase(
  ctx: PhaseContext,
  ous: Map<string, EnsuredOu>,
  shared: SharedChanges,
  /** The SCPs pre-flight found attached, by target key. */
  attached: Map<string, string[]>,
): Promise<ReadonlyMap<string, string>> {
  const { plan, step, org } = ctx;
  const rootId = await getRootId(org);
  const targets = new Map<
    string,
    { id: string; label: string; policies: typeof plan.policies }
  >();
  for (const policy of plan.policies) {
    for (const target of policy.targets) {
      const key = targetKey(target);
      const entry = targets.get(key) ?? {
        id: key === 'root' ? rootId : ous.get(key)!.id,
        label: key === 'root' ? 'the root' : `OU ${key}`,
        policies: [],
      };
      entry.policies.push(policy);
      targets.set(key, entry);
    }
  }
  // A policy is made (and its document checked) by the first target that
  // lists it; the others that list it wait for that one.
  const checkedPolicies = new Set<string>();
  const maker = new Map<string, string>();
  for (const [key, target] of targets) {
    for (const p of target.policies)
      if (!maker.has(p.name)) maker.set(p.name, key);
  }
  // One read of the SCPs for every target; each adds what it makes.
  let read: ReturnType<typeof findPolicies> | undefined;
  const known = () => (read ??= findPolicies(org));
  const done = new Map<string, Promise<Record<string, string>>>();
  for (const [key, target] of targets) {
    const makers = [...new Set(target.policies.map(p => maker.get(p.name)!))]
      .filter(k => k !== key)
      .map(k => done.get(k)!);
    done.set(
      key,
      Promise.all(makers).then(() => {
        throwIfAborted(step, 'attaching SCPs');
        return ensurePoliciesAttached(
          org,
          { ...target, attached: attached.get(key) },
          target.policies,
          step,
          checkedPolicies,
          name =>
            shared.allow(
              { ...target, root: target.id === rootId },
              `attaches SCP ${name}`,
              step,
            ),
          known(),
        );
      }),
    );
  }
  // Each policy now holds its library document (made so, or found so).
  const documents = new Map<string, string>();
  for (const ids of await settleAll([...done.values()])) {
    for (const policy of plan.policies) {
      const id = ids[policy.name];
      if (id && id !== DRY_RUN_ID && !step.isDryRun)
        documents.set(id, policy.content);
    }
  }
  return documents;
}
