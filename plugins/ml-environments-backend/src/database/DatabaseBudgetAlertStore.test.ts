import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { DatabaseBudgetAlertStore } from './BudgetAlertStore';
import { storeDatabases } from './__testUtils__/databases';

const { databases, migrated } = storeDatabases();

describe('BudgetAlertStore', () => {
  it.each(databases.eachSupportedId())(
    'lets one claim of a threshold per project and month win, across replicas and restarts, on %s',
    async (id: TestDatabaseId) => {
      const { knex } = await migrated(id);
      const at = new Date('2026-12-07T10:00:00Z');
      const key = { project: 'vision-lab', month: '2026-12', threshold: 80 };
      // Two replicas reading the same budget at once.
      const [a, b] = await Promise.all([
        new DatabaseBudgetAlertStore(knex).claim(key, at),
        new DatabaseBudgetAlertStore(knex).claim(key, at),
      ]);
      expect([a, b].sort()).toEqual([false, true]);
      // A restarted replica: a new store on the same database.
      const restarted = new DatabaseBudgetAlertStore(knex);
      expect(await restarted.claim(key, at)).toBe(false);
      // The other threshold, the next month and another project are news.
      expect(await restarted.claim({ ...key, threshold: 100 }, at)).toBe(true);
      expect(await restarted.claim({ ...key, month: '2027-01' }, at)).toBe(
        true,
      );
      expect(
        await restarted.claim({ ...key, project: 'nlp-playground' }, at),
      ).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down without a trace, on %s',
    async (id: TestDatabaseId) => {
      const { knex } = await migrated(id);
      expect(await knex.schema.hasTable('ml_environments_budget_alerts')).toBe(
        true,
      );
      await knex.migrate.down({
        directory: resolvePackagePath(
          '@mlgov/plugin-ml-environments-backend',
          'migrations',
        ),
        name: '20261207120000_budget_alerts.js',
      });
      expect(await knex.schema.hasTable('ml_environments_budget_alerts')).toBe(
        false,
      );
    },
  );
});
