import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { OrganizationSnapshot } from '@mlgov/plugin-ml-environments-common';
import { DatabaseMlEnvironmentsStore } from './DatabaseMlEnvironmentsStore';

// PostgreSQL joins in when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
// points at a server, as .ci/run arranges.
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

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
      const knex = await databases.init(id);
      const store = await DatabaseMlEnvironmentsStore.create(
        mockServices.database({ knex, migrations: { skip: false } }),
      );
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
});
