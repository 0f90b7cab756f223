import { OrganizationSnapshot } from '@mlgov/plugin-ml-environments-common';

/** Where the backend keeps the snapshots of the organization. */
export interface MlEnvironmentsStore {
  saveSnapshot(snapshot: OrganizationSnapshot): Promise<void>;
  latestSnapshot(): Promise<OrganizationSnapshot | undefined>;
  /** Which snapshot is the latest, cheaply, so a replica can keep its parsed copy. */
  latestSnapshotId(): Promise<number | undefined>;
}
