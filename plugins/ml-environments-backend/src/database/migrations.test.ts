import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readdirSync } from 'node:fs';

const directory = resolvePackagePath(
  '@mlgov/plugin-ml-environments-backend',
  'migrations',
);
const ACCOUNTS_MIGRATION = '20261207000000_project_accounts.js';

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

describe('migrations', () => {
  it.each(databases.eachSupportedId())(
    'index the live projects’ accounts once each, and go down cleanly, on %s',
    async id => {
      const knex = await databases.init(id);
      // Every migration before the account index.
      for (;;) {
        const [, pending] = await knex.migrate.list({ directory });
        if (pending[0]?.file === ACCOUNTS_MIGRATION) break;
        await knex.migrate.up({ directory });
      }
      const row = (
        day: number,
        project: string,
        accounts: object[],
        retirement?: object,
      ) => ({
        project,
        pattern: 'mlops',
        owner: 'group:default/team-churn',
        accounts: JSON.stringify(accounts),
        origin: 'provisioned',
        created_by: 'user:default/guest',
        created_at: new Date(Date.UTC(2026, 10, day)),
        updated_at: new Date(),
        retirement: retirement ? JSON.stringify(retirement) : null,
      });
      await knex('ml_environments_projects').insert([
        row(1, 'churn-prediction', [
          { stage: 'dev', accountId: '111111111111' },
          { stage: 'prod', accountId: '222222222222' },
        ]),
        // Recorded later with churn-prediction's prod account (the old hole).
        row(2, 'heist-project', [{ stage: 'dev', accountId: '222222222222' }]),
        row(3, 'old-lab', [{ stage: 'sandbox', accountId: '333333333333' }], {
          state: 'retired',
        }),
      ]);

      await knex.migrate.up({ directory });
      const indexed = await knex('ml_environments_project_accounts')
        .orderBy('account_id')
        .select('account_id', 'project', 'stage');
      expect(indexed).toEqual([
        {
          account_id: '111111111111',
          project: 'churn-prediction',
          stage: 'dev',
        },
        {
          account_id: '222222222222',
          project: 'churn-prediction',
          stage: 'prod',
        },
      ]);
      const heist = await knex('ml_environments_projects')
        .where({ project: 'heist-project' })
        .first();
      expect(JSON.parse(heist.accounts)).toEqual([]);
      // A second project cannot take an account the index holds.
      const duplicate = await knex('ml_environments_project_accounts')
        .insert({
          account_id: '111111111111',
          project: 'heist-project',
          stage: 'dev',
        })
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(duplicate).toMatch(/UNIQUE|duplicate key/i);

      await knex.migrate.down({ directory });
      expect(
        await knex.schema.hasTable('ml_environments_project_accounts'),
      ).toBe(false);
      expect(await knex.schema.hasTable('ml_environments_projects')).toBe(true);
    },
  );
});

const TABLES = [
  'ml_environments_alerts',
  'ml_environments_audit',
  'ml_environments_data_grants',
  'ml_environments_exceptions',
  'ml_environments_problems',
  'ml_environments_project_accounts',
  'ml_environments_projects',
  'ml_environments_refresh_lease',
  'ml_environments_refreshes',
  'ml_environments_snapshots',
  'ml_environments_studio_profiles',
];

describe('every migration', () => {
  it.each(databases.eachSupportedId())(
    'goes up in order, down to nothing and up again, on %s',
    async id => {
      const knex = await databases.init(id);
      const present = async () => {
        const found = [];
        for (const table of TABLES) {
          if (await knex.schema.hasTable(table)) found.push(table);
        }
        return found;
      };
      const files = readdirSync(directory)
        .filter(f => f.endsWith('.js'))
        .sort();
      for (const file of files) {
        const [, pending] = await knex.migrate.list({ directory });
        expect(pending[0]?.file).toBe(file);
        await knex.migrate.up({ directory });
      }
      expect(await present()).toEqual(TABLES);
      expect(
        await knex.schema.hasColumn('ml_environments_projects', 'retirement'),
      ).toBe(true);

      for (const file of [...files].reverse()) {
        const [done] = await knex.migrate.list({ directory });
        expect(done.at(-1)?.name).toBe(file);
        await knex.migrate.down({ directory });
      }
      expect(await present()).toEqual([]);

      // Down left nothing behind that a fresh install would trip over.
      await knex.migrate.latest({ directory });
      expect(await present()).toEqual(TABLES);
    },
  );
});
