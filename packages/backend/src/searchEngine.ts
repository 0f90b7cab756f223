import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import {
  LunrSearchEngine,
  MissingIndexError,
} from '@backstage/plugin-search-backend-node';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';

/**
 * Backstage's in-memory (Lunr) search engine, except that a query for types
 * none of which has an index yet answers no results instead of failing.
 *
 * Lunr keeps an index per document type only once a collation of that type
 * delivered documents; until then a query limited to the type throws
 * MissingIndexError, which the search backend answers with 500 ("Missing
 * index for techdocs"). With the local TechDocs builder no project has docs
 * before someone first opens them, so the TechDocs search failed on every
 * fresh start. Nothing indexed is truthfully nothing found. A type whose last
 * collation failed still fails the query: that is an error worth seeing.
 */
export class LunrSearchEngineEmptyBeforeIndexing extends LunrSearchEngine {
  private readonly failedTypes = new Set<string>();

  override async getIndexer(type: string) {
    const indexer = await super.getIndexer(type);
    let failed = false;
    indexer.on('error', () => {
      failed = true;
    });
    indexer.on('close', () => {
      if (failed) this.failedTypes.add(type);
      else this.failedTypes.delete(type);
    });
    return indexer;
  }

  override async query(query: Parameters<LunrSearchEngine['query']>[0]) {
    try {
      return await super.query(query);
    } catch (error) {
      const failed = (query.types ?? []).some(type =>
        this.failedTypes.has(type),
      );
      if (!(error instanceof MissingIndexError) || failed) throw error;
      return { results: [], numberOfResults: 0 };
    }
  }
}

/**
 * Sets the search engine when the Postgres one cannot be used (SQLite, as in
 * local development): the same choice search-backend-module-pg makes, so
 * exactly one of the two sets it.
 */
export const searchModuleLunrEngine = createBackendModule({
  pluginId: 'search',
  moduleId: 'lunr-engine',
  register(env) {
    env.registerInit({
      deps: {
        searchEngineRegistry: searchEngineRegistryExtensionPoint,
        database: coreServices.database,
        logger: coreServices.logger,
      },
      async init({ searchEngineRegistry, database, logger }) {
        if (await PgSearchEngine.supported(database)) return;
        searchEngineRegistry.setSearchEngine(
          new LunrSearchEngineEmptyBeforeIndexing({ logger }),
        );
      },
    });
  },
});
