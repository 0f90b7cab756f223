import { TestDatabaseId } from '@backstage/backend-test-utils';
import { OrganizationSnapshot } from '@mlgov/plugin-ml-environments-common';
import { storeDatabases } from './__testUtils__/databases';

const { databases, migrated } = storeDatabases();

const snapshot = (n: number): OrganizationSnapshot => ({
  takenAt: new Date(Date.UTC(2026, 10, 27, 0, n)).toISOString(),
  organizationId: 'o-demoorg0001',
  rootId: 'r-demo',
  ous: [
    {
      id: `ou-demo-${n}`,
      arn: 'arn',
      name: 'Sandbox',
      parentId: 'r-demo',
      path: 'Sandbox',
    },
  ],
  accounts: [],
  policies: [],
  controls: [],
  compliance: [],
  products: [],
});

describe('DatabaseMlEnvironmentsStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps and returns the latest snapshot on %s',
    async (id: TestDatabaseId) => {
      const { knex, snapshots: store } = await migrated(id);
      expect(await store.latestSnapshot()).toBeUndefined();
      expect(await store.latestSnapshotId()).toBeUndefined();

      const ids: Array<number | undefined> = [];
      for (let n = 1; n <= 12; n++) {
        await store.saveSnapshot(snapshot(n));
        ids.push(await store.latestSnapshotId());
      }
      expect(await store.latestSnapshot()).toEqual(snapshot(12));
      // Each new snapshot has a newer id, so a replica knows to reload.
      expect(new Set(ids).size).toBe(12);
      expect(
        ids.every((v, i) => i === 0 || Number(v) > Number(ids[i - 1])),
      ).toBe(true);
      const { count } = (await knex('ml_environments_snapshots')
        .count({ count: '*' })
        .first()) as any;
      expect(Number(count)).toBe(10);
    },
  );

  it.each(databases.eachSupportedId())(
    'saves a patched snapshot only on the one it patched, on %s',
    async (id: TestDatabaseId) => {
      const { snapshots: store } = await migrated(id);
      await store.saveSnapshot(snapshot(1));
      const base = await store.latestSnapshotId();
      // Another replica saves in between: the patch of the older one is refused.
      await store.saveSnapshot(snapshot(2));
      expect(await store.saveSnapshot(snapshot(3), { basedOn: base })).toBe(
        false,
      );
      expect(await store.latestSnapshot()).toEqual(snapshot(2));
      const latest = await store.latestSnapshotId();
      expect(await store.saveSnapshot(snapshot(3), { basedOn: latest })).toBe(
        true,
      );
      expect(await store.latestSnapshot()).toEqual(snapshot(3));
    },
  );

  it.each(databases.eachSupportedId())(
    "keeps each refresh's progress for any replica to read, on %s",
    async (id: TestDatabaseId) => {
      const { snapshots: store } = await migrated(id);
      const running = {
        id: '7d3c0d0e-0000-4000-8000-000000000001',
        state: 'running' as const,
        startedAt: '2026-12-02T10:00:00.000Z',
        loading: ['tags' as const, 'products' as const],
      };
      await store.saveRefreshProgress(running);
      expect(await store.refreshProgress(running.id)).toEqual(running);
      const done = {
        ...running,
        state: 'succeeded' as const,
        loading: [],
        finishedAt: '2026-12-02T10:05:00.000Z',
        takenAt: '2026-12-02T10:00:00.000Z',
      };
      await store.saveRefreshProgress(done);
      expect(await store.refreshProgress(running.id)).toEqual(done);
      expect(await store.refreshProgress('unknown')).toBeUndefined();
    },
  );
});
