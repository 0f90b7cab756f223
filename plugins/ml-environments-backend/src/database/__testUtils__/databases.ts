import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { createStores } from '../createStores';

/**
 * The databases the stores are tested on. PostgreSQL joins in when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING points at a server,
 * as .ci/run arranges.
 */
export function storeDatabases() {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });
  if (!process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
    // Said, not skipped in silence: these tests then run on SQLite only.
    // eslint-disable-next-line no-console
    console.warn(
      'PostgreSQL store tests not run: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/start-postgres.sh prints one)',
    );
  }
  /** A database with the plugin's migrations run. */
  async function migrated(id: TestDatabaseId) {
    const knex = await databases.init(id);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    return { knex, ...(await createStores(database)) };
  }
  return { databases, migrated };
}
