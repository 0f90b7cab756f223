import { OrganizationSnapshot } from '@mlgov/plugin-ml-environments-common';

/** Where the backend keeps the snapshots of the organization. */
export interface MlEnvironmentsStore {
  saveSnapshot(snapshot: OrganizationSnapshot): Promise<void>;
  latestSnapshot(): Promise<OrganizationSnapshot | undefined>;
}
