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

/** The guardrails phase's progress: per target, and all of it. */
export interface GuardrailsProgress {
  /**
   * Per target key (`root` or an OU path): its SCPs made and attached, their
   * documents by policy id.
   */
  byTarget: Map<string, Promise<ReadonlyMap<string, string>>>;
  /** Settles once every target's SCPs are on; fails with the first failure. */
  all: Promise<unknown>;
}

/**
 * The guardrails phase: the plan's SCPs made (or brought to the library's
 * document) and attached to the root and the OUs. The targets are handled
 * side by side: Organizations documents no limit on concurrent attachments
 * beyond its request rates, which the clients' rate limiter and retries
 * keep. What pre-flight found attached is not read again.
 */
export function guardrailsPhase(
  ctx: PhaseContext,
  ous: Map<string, EnsuredOu>,
  shared: SharedChanges,
  /** The SCPs pre-flight found attached, by target key. */
  attached: Map<string, string[]>,
): GuardrailsProgress {
  const { plan, step, org } = ctx;
  const rootId = getRootId(org);
  const targets = new Map<string, { policies: typeof plan.policies }>();
  for (const policy of plan.policies) {
    for (const target of policy.targets) {
      const key = targetKey(target);
      const entry = targets.get(key) ?? { policies: [] };
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
  const byTarget = new Map<string, Promise<ReadonlyMap<string, string>>>();
  for (const [key, { policies }] of targets) {
    const makers = [...new Set(policies.map(p => maker.get(p.name)!))]
      .filter(k => k !== key)
      .map(k => done.get(k)!);
    const attaching = Promise.all([rootId, ...makers]).then(([root]) => {
      throwIfAborted(step, 'attaching SCPs');
      const target = {
        id: key === 'root' ? root : ous.get(key)!.id,
        label: key === 'root' ? 'the root' : `OU ${key}`,
      };
      return ensurePoliciesAttached(
        org,
        { ...target, attached: attached.get(key) },
        policies,
        step,
        checkedPolicies,
        name =>
          shared.allow(
            { ...target, root: target.id === root },
            `attaches SCP ${name}`,
            step,
          ),
        known(),
      );
    });
    attaching.catch(() => undefined);
    done.set(key, attaching);
    // Each policy now holds its library document (made so, or found so).
    byTarget.set(
      key,
      attaching.then(ids => {
        const documents = new Map<string, string>();
        for (const policy of policies) {
          const id = ids[policy.name];
          if (id && id !== DRY_RUN_ID && !step.isDryRun)
            documents.set(id, policy.content);
        }
        return documents;
      }),
    );
  }
  // A root id that cannot be read fails the phase even without targets.
  return {
    byTarget,
    all: settleAll<unknown>([rootId, ...byTarget.values()]),
  };
}
