import {
  OrganizationSnapshot,
  RefreshProgress,
} from '@mlgov/plugin-ml-environments-common';

/**
 * The snapshot store's contract in memory (what SnapshotPipeline and
 * SnapshotReadModel use), noting when each snapshot was saved.
 */
export function memoryStore() {
  const saved: Array<{ at: number; snapshot: OrganizationSnapshot }> = [];
  const progress = new Map<string, RefreshProgress>();
  return {
    saved,
    async saveSnapshot(
      snapshot: OrganizationSnapshot,
      options: { basedOn?: number } = {},
    ) {
      if (options.basedOn !== undefined && options.basedOn !== saved.length) {
        return false;
      }
      saved.push({ at: Date.now(), snapshot: structuredClone(snapshot) });
      return true;
    },
    async latestSnapshot() {
      return saved.at(-1)?.snapshot;
    },
    async latestSnapshotId() {
      return saved.length || undefined;
    },
    async saveRefreshProgress(p: RefreshProgress) {
      progress.set(p.id, { ...p });
    },
    async refreshProgress(id: string) {
      return progress.get(id);
    },
  };
}
