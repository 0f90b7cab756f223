import { DescribeOrganizationCommand } from '@aws-sdk/client-organizations';
import {
  OrganizationSnapshot,
  SNAPSHOT_SECTIONS,
  SnapshotAccount,
  SnapshotSection,
  StaleSection,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from './clients';
import { getRootId } from './aws/organizations/root';
import { readCompliance, readPolicies, readTree } from './snapshotReads';
import {
  SNAPSHOT_CONCURRENCY,
  readGovernance,
  readTagsThenProducts,
} from './snapshotSections';

export { SNAPSHOT_CONCURRENCY } from './snapshotSections';

/** Sections read after the OU tree, in the order a first read publishes them. */
const LATER_SECTIONS = SNAPSHOT_SECTIONS.filter(s => s !== 'tree');

/** How often a first read publishes its growing OU tree, at most. */
const TREE_PROGRESS_MS = 2000;

/** An account of the tree read, with its tags still to come. */
function withoutTags({
  status,
  ...account
}: Omit<SnapshotAccount, 'tags'>): SnapshotAccount {
  return { ...account, tags: {}, ...(status ? { status } : {}) };
}

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
     * Called with the snapshot so far after the OU tree (every account in
     * its OU) and after each later section, `loading` naming what is still
     * to come: a first read can be published stage by stage.
     */
    onStage?: (partial: OrganizationSnapshot) => Promise<void>;
    /**
     * How often `onStage` hears of the tree as it grows (loading `tree`),
     * at most; 2 s unless set.
     */
    treeProgressMs?: number;
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
  // Stages are published one at a time, in order.
  let publishing = Promise.resolve();
  const base = {
    takenAt,
    policies: [],
    controls: [],
    compliance: [],
    products: [],
  };
  // The tree is the first stage: one read gives every account in its OU
  // (ListAccounts would list them again, without their OUs). A first read
  // publishes it as it grows too, every TREE_PROGRESS_MS at most: each
  // account listed is whole (its OU path known), so the catalog can take
  // it while the rest is read (1,000 accounts: 33 s at AWS's rates).
  let lastProgress = Date.now();
  const tree = await section(
    'tree',
    async () => {
      const [{ Organization }, rootId] = await Promise.all([
        org.send(new DescribeOrganizationCommand({})),
        getRootId(org),
      ]);
      const organizationId = Organization?.Id ?? '';
      const onProgress = options.onStage
        ? (
            soFar: () => Pick<OrganizationSnapshot, 'ous'> & {
              accounts: Array<Omit<SnapshotAccount, 'tags'>>;
            },
          ) => {
            const every = options.treeProgressMs ?? TREE_PROGRESS_MS;
            if (Date.now() - lastProgress < every) return;
            lastProgress = Date.now();
            const { ous, accounts } = soFar();
            const partial: OrganizationSnapshot = {
              ...base,
              organizationId,
              rootId,
              ous,
              accounts: accounts.map(withoutTags),
              loading: ['tree', ...LATER_SECTIONS],
            };
            publishing = publishing.then(() => options.onStage!(partial));
          }
        : undefined;
      return {
        organizationId,
        rootId,
        ...(await readTree(
          org,
          rootId,
          SNAPSHOT_CONCURRENCY.organizations,
          onProgress,
        )),
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
    ...base,
    organizationId: tree.organizationId,
    rootId: tree.rootId,
    ous: tree.ous,
    accounts: tree.accounts.map(withoutTags),
  };
  const loading: SnapshotSection[] = [...LATER_SECTIONS];
  // Sections finish in any order; stages are published one at a time.
  const published = (done?: SnapshotSection) => {
    if (done) loading.splice(loading.indexOf(done), 1);
    if (options.onStage && loading.length > 0) {
      const partial: OrganizationSnapshot = {
        ...snapshot,
        loading: [...loading],
        ...(stale.length > 0 ? { stale: [...stale] } : {}),
      };
      publishing = publishing.then(() => options.onStage!(partial));
    }
    return publishing;
  };
  await published();

  // Side by side, each in its own rate buckets: Organizations' List* calls
  // (tags, then policies' targets) pace each other through the client's
  // limiter, DescribePolicy has its own, Control Tower and Config theirs.
  const results = await Promise.allSettled([
    readGovernance(clients, tree.ous, section).then(async governance => {
      snapshot.ous = governance.ous;
      if (governance.landingZone) {
        snapshot.landingZone = governance.landingZone;
      }
      await published('registration');
      snapshot.controls = await governance.controls;
      await published('controls');
    }),
    section(
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
    ).then(async compliance => {
      snapshot.compliance = compliance.compliance;
      if (compliance.unavailable) {
        snapshot.complianceUnavailable = compliance.unavailable;
      }
      await published('compliance');
    }),
    section(
      'policies',
      () => readPolicies(org, SNAPSHOT_CONCURRENCY.organizations),
      p => p.policies,
    ).then(async policies => {
      snapshot.policies = policies;
      await published('policies');
    }),
    readTagsThenProducts(clients, org, snapshot, previous, section, () =>
      published('tags'),
    ),
  ]);
  const failed = results.find(r => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  await publishing;

  return {
    ...snapshot,
    ...(stale.length > 0 ? { stale } : {}),
  };
}
