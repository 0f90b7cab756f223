import {
  OrganizationSnapshot,
  OrganizationView,
} from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsStore } from '../../database/MlEnvironmentsStore';

/** The latest snapshot as this replica holds it, with the views built from it. */
export interface ReadSnapshot {
  id: number;
  snapshot: OrganizationSnapshot;
  /** Organization views of this snapshot, by what they were built with. */
  organizationViews: Map<string, OrganizationView>;
}

/**
 * The latest snapshot, parsed once per snapshot and kept with the views
 * built from it; a new snapshot (from any replica) replaces it. The views
 * read it; the pipeline patches it.
 */
export class SnapshotReadModel {
  private current?: ReadSnapshot;

  constructor(
    private readonly store: Pick<
      MlEnvironmentsStore,
      'latestSnapshotId' | 'latestSnapshot'
    >,
  ) {}

  /** The latest snapshot with its id, from memory when it is still the latest. */
  async latest(): Promise<ReadSnapshot | undefined> {
    const id = await this.store.latestSnapshotId();
    if (id === undefined) return undefined;
    if (this.current?.id !== id) {
      const snapshot = await this.store.latestSnapshot();
      if (!snapshot) return undefined;
      this.current = { id, snapshot, organizationViews: new Map() };
    }
    return this.current;
  }
}
