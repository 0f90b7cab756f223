import { SnapshotPatch } from './changes';
import type { OrganizationSnapshot, SnapshotOu } from './snapshot';

/**
 * The items whose key an update names, replaced by the update's items. A
 * patch may read one key twice (two records of one account finished in
 * the same batch): the later read stands, never both.
 */
function replaceBy<T, K>(
  items: T[],
  keyOf: (item: T) => K,
  updates: Array<{ key: K; items: T[] }>,
): T[] {
  const latest = new Map<K, T[]>();
  for (const update of updates) latest.set(update.key, update.items);
  return [
    ...items.filter(item => !latest.has(keyOf(item))),
    ...[...latest.values()].flat(),
  ];
}

/**
 * The snapshot with the patch's parts read again; everything else is kept.
 * `takenAt` becomes the patch's time; `reconciledAt` keeps the last full read.
 *
 * @public
 */
export function applySnapshotPatch(
  snapshot: OrganizationSnapshot,
  patch: SnapshotPatch,
): OrganizationSnapshot {
  const previousOus = new Map(snapshot.ous.map(o => [o.id, o]));
  let ous: SnapshotOu[] = patch.tree
    ? patch.tree.ous.map(ou => {
        const controlTower = previousOus.get(ou.id)?.controlTower;
        return controlTower ? { ...ou, controlTower } : { ...ou };
      })
    : snapshot.ous;
  if (patch.registration) {
    const byOu = patch.registration.byOu;
    ous = ous.map(ou =>
      byOu[ou.id] ? { ...ou, controlTower: byOu[ou.id] } : ou,
    );
  }

  let accounts = snapshot.accounts;
  if (patch.tree) {
    const previous = new Map(accounts.map(a => [a.id, a]));
    accounts = patch.tree.accounts.map(a => ({
      ...a,
      tags: previous.get(a.id)?.tags ?? {},
    }));
  }
  for (const { id, account } of patch.accounts) {
    const index = accounts.findIndex(a => a.id === id);
    if (!account) {
      if (index >= 0) accounts = accounts.filter(a => a.id !== id);
    } else if (index >= 0) {
      accounts = accounts.map(a => (a.id === id ? account : a));
    } else {
      accounts = [...accounts, account];
    }
  }

  let policies = snapshot.policies;
  for (const { id, policy } of patch.policies) {
    policies = policies.filter(p => p.id !== id);
    if (policy) policies = [...policies, policy];
  }
  for (const { accountId, policyIds } of patch.accountPolicies ?? []) {
    const attached = new Set(policyIds);
    policies = policies.map(p => {
      const targets = p.targets.filter(t => t !== accountId);
      if (attached.has(p.id)) targets.push(accountId);
      return targets.length === p.targets.length &&
        targets.every((t, i) => t === p.targets[i])
        ? p
        : { ...p, targets };
    });
  }

  const known = new Set(accounts.map(a => a.id));
  const knownOus = new Set(ous.map(o => o.id));
  return {
    ...snapshot,
    takenAt: patch.readAt,
    reconciledAt: snapshot.reconciledAt ?? snapshot.takenAt,
    ous,
    accounts,
    policies,
    ...(patch.registration?.landingZone
      ? { landingZone: patch.registration.landingZone }
      : {}),
    controls: replaceBy(
      snapshot.controls,
      c => c.ouId,
      patch.controls.map(c => ({ key: c.ouId, items: c.controls })),
    ).filter(c => knownOus.has(c.ouId)),
    compliance: replaceBy(
      snapshot.compliance,
      c => c.accountId,
      patch.compliance.map(c => ({ key: c.accountId, items: c.compliance })),
    ).filter(c => known.has(c.accountId)),
    products: replaceBy(
      snapshot.products,
      p => p.accountId,
      patch.products.map(p => ({ key: p.accountId, items: p.products })),
    ).filter(p => known.has(p.accountId)),
  };
}
