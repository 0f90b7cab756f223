import { ConflictError } from '@backstage/errors';
import {
  DataLakeDatabase,
  MlAwsClients,
  listDataLakeDatabases,
} from '@mlgov/plugin-ml-environments-node';

/** How long a read of the catalog is answered again before Glue is asked anew. */
export const DATASETS_CACHE_MS = 60_000;

/**
 * The data lake's databases, for the templates' dataset picker: read from
 * the data lake account's Glue Data Catalog, which Lake Formation governs.
 * One read serves every form opened within a minute, so a busy scaffolder
 * page does not call Glue per user; a failed read is not kept. What may be
 * asked for is still decided where access is granted (DataGrants, and Lake
 * Formation itself), not by this list.
 */
export class DataLakeDatasets {
  private cached?: { at: number; databases: Promise<DataLakeDatabase[]> };

  constructor(
    private readonly options: {
      clients: Pick<MlAwsClients, 'forAccount'>;
      /** `mlEnvironments.dataLake.accountId`, when a data lake is configured. */
      accountId?: string;
      now?: () => number;
    },
  ) {}

  list(): Promise<DataLakeDatabase[]> {
    const { accountId, clients } = this.options;
    if (!accountId) {
      return Promise.reject(
        new ConflictError(
          'No data lake is configured: set mlEnvironments.dataLake.accountId to the account whose Glue Data Catalog holds the datasets',
        ),
      );
    }
    const now = this.options.now?.() ?? Date.now();
    if (this.cached && now - this.cached.at < DATASETS_CACHE_MS) {
      return this.cached.databases;
    }
    const databases = clients
      .forAccount(accountId)
      .then(({ glue }) => listDataLakeDatabases(glue, accountId));
    const entry = { at: now, databases };
    this.cached = entry;
    databases.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return databases;
  }
}
