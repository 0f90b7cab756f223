import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { AlertStore } from './AlertStore';
import { BudgetAlertStore, DatabaseBudgetAlertStore } from './BudgetAlertStore';
import { DataGrantStore, DatabaseDataGrantStore } from './DataGrantStore';
import { DatabaseAlertStore } from './DatabaseAlertStore';
import { DatabaseExceptionStore } from './DatabaseExceptionStore';
import { DatabaseMlEnvironmentsStore } from './DatabaseMlEnvironmentsStore';
import { DatabaseProblemStore } from './DatabaseProblemStore';
import { DatabaseProjectStore } from './DatabaseProjectStore';
import { ExceptionStore } from './ExceptionStore';
import { MlEnvironmentsStore } from './MlEnvironmentsStore';
import { ProblemStore } from './ProblemStore';
import { ProjectStore } from './ProjectStore';

const migrationsDir = resolvePackagePath(
  '@mlgov/plugin-ml-environments-backend',
  'migrations',
);

/** Every store of the plugin, each behind its interface. */
export interface MlEnvironmentsStores {
  /** The organization's snapshots and the refreshes' progress. */
  snapshots: MlEnvironmentsStore;
  /** The project record, its audit trail and the refresh lease. */
  projects: ProjectStore;
  exceptions: ExceptionStore;
  dataGrants: DataGrantStore;
  /** What owners were told about guardrails. */
  alerts: AlertStore;
  /** When each OU problem was first seen. */
  problems: ProblemStore;
  /** The spending-limit thresholds owner groups were told of. */
  budgetAlerts: BudgetAlertStore;
}

/**
 * The plugin's stores on its database (SQLite locally, PostgreSQL in
 * production), after running its migrations once, unless the backend
 * skips them.
 */
export async function createStores(
  database: DatabaseService,
): Promise<MlEnvironmentsStores> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return {
    snapshots: new DatabaseMlEnvironmentsStore(client),
    projects: new DatabaseProjectStore(client),
    exceptions: new DatabaseExceptionStore(client),
    dataGrants: new DatabaseDataGrantStore(client),
    alerts: new DatabaseAlertStore(client),
    problems: new DatabaseProblemStore(client),
    budgetAlerts: new DatabaseBudgetAlertStore(client),
  };
}
