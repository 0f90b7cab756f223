import { TestDatabaseId } from '@backstage/backend-test-utils';
import { DatabaseProblemStore } from './DatabaseProblemStore';
import { storeDatabases } from './__testUtils__/databases';

const { databases, migrated } = storeDatabases();

const drift = 'Workloads/Workloads_Prod|AWS-GR_X|drifted';
const missing = 'Workloads/Workloads_PreProd|require-vpc|missing';

describe('ProblemStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps the first sighting of a problem until it is gone, on %s',
    async (id: TestDatabaseId) => {
      const { knex } = await migrated(id);
      const store = new DatabaseProblemStore(knex);

      await store.record([drift], '2026-11-01T08:00:00.000Z');
      await store.record([drift, missing], '2026-11-02T08:00:00.000Z');
      expect(await store.since()).toEqual({
        [drift]: '2026-11-01T08:00:00.000Z',
        [missing]: '2026-11-02T08:00:00.000Z',
      });

      // Repaired, then back: a new problem with a new age.
      await store.record([missing], '2026-11-03T08:00:00.000Z');
      await store.record([missing, drift], '2026-11-04T08:00:00.000Z');
      expect(await store.since()).toEqual({
        [drift]: '2026-11-04T08:00:00.000Z',
        [missing]: '2026-11-02T08:00:00.000Z',
      });

      await store.record([], '2026-11-05T08:00:00.000Z');
      expect(await store.since()).toEqual({});
    },
  );
});
