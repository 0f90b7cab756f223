import {
  DescribeOrganizationCommand,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import {
  ACCOUNT_TAGS,
  OrganizationSnapshot,
  SNAPSHOT_SECTIONS,
  SnapshotAccount,
  SnapshotControl,
  SnapshotSection,
  StaleSection,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from './clients';
import { mapWithLimit } from './concurrency';
import { getRootId } from './aws/organizations/root';
import { allPages } from './pages';
import {
  accountStatusOf,
  readCompliance,
  readPolicies,
  readRegistration,
  readTree,
  snapshotControlOf,
} from './snapshotReads';
import { readOrganizationTags } from './tags';
import { readAccountsProducts } from './snapshotProducts';

/**
 * Calls in flight per rate bucket. Organizations' List* calls share one
 * bucket (5/s, burst 8); each member account has its own Service Catalog
 * bucket, so products are read for several accounts at once.
 */
export const SNAPSHOT_CONCURRENCY = {
  organizations: 4,
  memberAccounts: 8,
} as const;

/** Sections read after the OU tree, in the order a first read publishes them. */
const LATER_SECTIONS = SNAPSHOT_SECTIONS.filter(s => s !== 'tree');

/** @public */
export type SnapshotClients = Pick<
  MlAwsClients,
  | 'organizations'
  | 'controlTower'
  | 'managementConfig'
  | 'forAccount'
  | 'awsConfig'
>;

/**
 * Reads the organization: OU tree, accounts and tags, SCPs and targets,
 * enabled controls with status and drift, Config compliance of Control
 * Tower's detective controls, and the products provisioned in project accounts.
 *
 * @public
 */
export async function readOrganizationSnapshot(
  clients: SnapshotClients,
  /** The latest snapshot: its sections stand in for ones AWS fails to give. */
  previous?: OrganizationSnapshot,
  options: {
    /**
     * Called with the snapshot so far after the OU tree and after each later
     * section, `loading` naming what is still to come: a first read can be
     * published stage by stage.
     */
    onStage?: (partial: OrganizationSnapshot) => Promise<void>;
    /**
     * Before the OU tree, list the accounts (ListAccounts: one call per 20
     * accounts, where the tree takes two per OU) and publish them under the
     * root, so a first read puts every account in the catalog at once.
     */
    accountsFirst?: boolean;
  } = {},
): Promise<OrganizationSnapshot> {
  const takenAt = new Date().toISOString();
  const stale: StaleSection[] = [];
  /**
   * Reads one section (each call already retried by the SDK); if it still
   * fails, keeps the previous snapshot's, or fails the refresh without one.
   */
  async function section<T>(
    name: SnapshotSection,
    read: () => Promise<T>,
    kept: (previous: OrganizationSnapshot) => T,
  ): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!previous) throw error;
      const earlier = previous.stale?.find(s => s.section === name);
      stale.push({
        section: name,
        reason: (error as Error).message,
        since: earlier?.since ?? previous.takenAt,
      });
      return kept(previous);
    }
  }

  const org = await clients.organizations();
  if (options.accountsFirst && options.onStage) {
    const { Organization } = await org.send(
      new DescribeOrganizationCommand({}),
    );
    const rootId = await getRootId(org);
    const listed = await allPages(
      paginateListAccounts({ client: org }, {}),
      page => page.Accounts,
    );
    await options.onStage({
      takenAt,
      organizationId: Organization?.Id ?? '',
      rootId,
      ous: [],
      accounts: listed.map(account => {
        const status = accountStatusOf(account);
        return {
          id: account.Id!,
          name: account.Name!,
          email: account.Email!,
          // Placed under the root until the tree says where.
          parentId: rootId,
          tags: {},
          ...(status ? { status } : {}),
        };
      }),
      policies: [],
      controls: [],
      compliance: [],
      products: [],
      loading: [...SNAPSHOT_SECTIONS],
    });
  }
  const tree = await section(
    'tree',
    async () => {
      const { Organization } = await org.send(
        new DescribeOrganizationCommand({}),
      );
      const rootId = await getRootId(org);
      return {
        organizationId: Organization?.Id ?? '',
        rootId,
        ...(await readTree(org, rootId)),
      };
    },
    p => ({
      organizationId: p.organizationId,
      rootId: p.rootId,
      ous: p.ous,
      accounts: p.accounts,
    }),
  );

  const snapshot: OrganizationSnapshot = {
    takenAt,
    organizationId: tree.organizationId,
    rootId: tree.rootId,
    ous: tree.ous,
    accounts: tree.accounts.map(({ status, ...account }) => ({
      ...account,
      tags: {},
      ...(status ? { status } : {}),
    })),
    policies: [],
    controls: [],
    compliance: [],
    products: [],
  };
  const loading: SnapshotSection[] = [...LATER_SECTIONS];
  const published = async (done?: SnapshotSection) => {
    if (done) loading.splice(loading.indexOf(done), 1);
    if (options.onStage && loading.length > 0) {
      await options.onStage({
        ...snapshot,
        loading: [...loading],
        ...(stale.length > 0 ? { stale: [...stale] } : {}),
      });
    }
  };
  await published();

  const registration = await section(
    'registration',
    () => readRegistration(clients, tree.ous),
    p => ({
      landingZone: p.landingZone,
      byOu: new Map(p.ous.map(o => [o.id, o.controlTower])),
    }),
  );
  snapshot.ous = tree.ous.map(ou => {
    const controlTower = registration.byOu.get(ou.id);
    return controlTower ? { ...ou, controlTower } : ou;
  });
  if (registration.landingZone) {
    snapshot.landingZone = registration.landingZone;
  }
  await published('registration');

  const tagsById = await section(
    'tags',
    async () =>
      new Map(
        await mapWithLimit(
          tree.accounts,
          SNAPSHOT_CONCURRENCY.organizations,
          async account =>
            [account.id, await readOrganizationTags(org, account.id)] as const,
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
  await published('tags');

  snapshot.policies = await section(
    'policies',
    () => readPolicies(org),
    p => p.policies,
  );
  await published('policies');

  snapshot.controls = await section(
    'controls',
    async () => {
      const controlTower = await clients.controlTower();
      const ouByArn = new Map(tree.ous.map(ou => [ou.arn, ou.id]));
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
  await published('controls');

  const compliance = await section(
    'compliance',
    async () =>
      readCompliance(
        await clients.managementConfig(),
        clients.awsConfig.configAggregatorName,
      ),
    p => ({
      compliance: p.compliance,
      unavailable: p.complianceUnavailable,
    }),
  );
  snapshot.compliance = compliance.compliance;
  if (compliance.unavailable) {
    snapshot.complianceUnavailable = compliance.unavailable;
  }
  await published('compliance');

  snapshot.products = await section(
    'products',
    () =>
      readAccountsProducts(
        clients,
        // Retired accounts hold no products, and a deny-all SCP (or AWS's
        // closure) would refuse the read.
        snapshot.accounts
          .filter(
            a =>
              a.tags[ACCOUNT_TAGS.project] &&
              !a.tags[ACCOUNT_TAGS.closingDate] &&
              (a.status ?? 'ACTIVE') === 'ACTIVE',
          )
          .map(a => a.id),
        SNAPSHOT_CONCURRENCY.memberAccounts,
        previous,
      ),
    p => p.products,
  );

  return {
    ...snapshot,
    ...(stale.length > 0 ? { stale } : {}),
  };
}
