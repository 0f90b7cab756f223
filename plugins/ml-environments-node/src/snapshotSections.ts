/** The sections of a full read that run side by side after the OU tree. */
import {
  ACCOUNT_TAGS,
  OrganizationSnapshot,
  SnapshotAccount,
  SnapshotControl,
  SnapshotOu,
  SnapshotProduct,
  SnapshotSection,
} from '@mlgov/plugin-ml-environments-common';
import { concurrencyLimit, mapWithLimit } from './concurrency';
import type { SnapshotClients } from './snapshot';
import { readRegistration, snapshotControlOf } from './snapshotReads';
import { readAccountsProducts } from './snapshotProducts';
import { readOrganizationTags } from './tags';

/**
 * Calls in flight per rate bucket. Organizations' List* calls share one
 * bucket (5/s, burst 8), paced by the client's limiter: eight in flight keep
 * it busy while a call takes up to 1.6 s. Each member account has its own
 * Service Catalog bucket, so products are read for several accounts at once.
 *
 * @public
 */
export const SNAPSHOT_CONCURRENCY = {
  organizations: 8,
  memberAccounts: 8,
} as const;

/** Reads a section, or keeps the previous snapshot's (readOrganizationSnapshot's). */
export type Section = <T>(
  name: SnapshotSection,
  read: () => Promise<T>,
  kept: (previous: OrganizationSnapshot) => T,
) => Promise<T>;

/** Control Tower: which OUs are registered, then the enabled controls. */
export async function readGovernance(
  clients: SnapshotClients,
  ous: SnapshotOu[],
  section: Section,
) {
  const registration = await section(
    'registration',
    () => readRegistration(clients, ous),
    p => ({
      landingZone: p.landingZone,
      byOu: new Map(p.ous.map(o => [o.id, o.controlTower])),
    }),
  );
  const controls = section(
    'controls',
    async () => {
      const controlTower = await clients.controlTower();
      const ouByArn = new Map(ous.map(ou => [ou.arn, ou.id]));
      // One organization-wide list, paged by 100, instead of one call per OU.
      return (await controlTower.listEnabledControls()).flatMap(
        (control): SnapshotControl[] => {
          const ouId = ouByArn.get(control.targetIdentifier);
          return ouId ? [snapshotControlOf(control, ouId)] : [];
        },
      );
    },
    p => p.controls,
  );
  // Read beside the registration's stage being published.
  controls.catch(() => undefined);
  return {
    ous: ous.map(ou => {
      const controlTower = registration.byOu.get(ou.id);
      return controlTower ? { ...ou, controlTower } : ou;
    }),
    landingZone: registration.landingZone,
    controls,
  };
}

/** Whether an account's products are read: retired ones hold none, and a deny-all SCP (or AWS's closure) would refuse the read. */
function holdsProducts(
  account: Pick<SnapshotAccount, 'status'>,
  tags: Record<string, string>,
) {
  return Boolean(
    tags[ACCOUNT_TAGS.project] &&
      !tags[ACCOUNT_TAGS.closingDate] &&
      (account.status ?? 'ACTIVE') === 'ACTIVE',
  );
}

/**
 * Every account's tags, and the products of each project account as soon
 * as its tags name it (Service Catalog's buckets are the member accounts',
 * so they are read beside the tags instead of after them all).
 */
export async function readTagsThenProducts(
  clients: SnapshotClients,
  org: Awaited<ReturnType<SnapshotClients['organizations']>>,
  snapshot: OrganizationSnapshot,
  previous: OrganizationSnapshot | undefined,
  section: Section,
  tagsPublished: () => Promise<void>,
) {
  const productsLimit = concurrencyLimit(SNAPSHOT_CONCURRENCY.memberAccounts);
  const reads = new Map<string, Promise<SnapshotProduct[]>>();
  const readProductsOf = (accountId: string) => {
    if (reads.has(accountId)) return;
    const read = productsLimit(() =>
      readAccountsProducts(clients, [accountId], 1, previous),
    );
    read.catch(() => undefined); // awaited in the products section
    reads.set(accountId, read);
  };
  const tagsById = await section(
    'tags',
    async () =>
      new Map(
        await mapWithLimit(
          snapshot.accounts,
          SNAPSHOT_CONCURRENCY.organizations,
          async account => {
            const tags = await readOrganizationTags(org, account.id);
            if (holdsProducts(account, tags)) readProductsOf(account.id);
            return [account.id, tags] as const;
          },
        ),
      ),
    p => new Map(p.accounts.map(a => [a.id, a.tags])),
  );
  snapshot.accounts = snapshot.accounts.map(
    (account): SnapshotAccount => ({
      ...account,
      tags: tagsById.get(account.id) ?? {},
    }),
  );
  await tagsPublished();
  snapshot.products = await section(
    'products',
    async () => {
      // Tags kept from the previous snapshot may name accounts not read yet.
      const holding = snapshot.accounts.filter(a => holdsProducts(a, a.tags));
      holding.forEach(a => readProductsOf(a.id));
      return (await Promise.all(holding.map(a => reads.get(a.id)!))).flat();
    },
    p => p.products,
  );
}
