import {
  OrganizationSnapshot,
  RefreshProgress,
} from '@mlgov/plugin-ml-environments-common';

/** Where the backend keeps the snapshots of the organization. */
export interface MlEnvironmentsStore {
  /**
   * Saves a new latest snapshot. With `basedOn`, only if that snapshot is
   * still the latest (false otherwise), so that two replicas applying events
   * at once never drop each other's changes.
   */
  saveSnapshot(
    snapshot: OrganizationSnapshot,
    options?: { basedOn?: number },
  ): Promise<boolean>;
  latestSnapshot(): Promise<OrganizationSnapshot | undefined>;
  /** Which snapshot is the latest, cheaply, so a replica can keep its parsed copy. */
  latestSnapshotId(): Promise<number | undefined>;
  /** Records how far a refresh got (inserted on its first save). */
  saveRefreshProgress(progress: RefreshProgress): Promise<void>;
  refreshProgress(id: string): Promise<RefreshProgress | undefined>;
}
