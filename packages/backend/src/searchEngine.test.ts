import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  type SchedulerServiceTaskInvocationDefinition,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import searchPlugin from '@backstage/plugin-search-backend';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { searchModuleLunrEngine } from './searchEngine';

/**
 * A TechDocs-like collator whose runs the test starts itself: each run
 * delivers `documents`, or fails when `failure` is set.
 */
function techdocsCollator() {
  const collator = {
    documents: [] as Array<{ title: string; text: string; location: string }>,
    failure: undefined as Error | undefined,
    run: undefined as undefined | (() => Promise<void>),
  };
  const module = createBackendModule({
    pluginId: 'search',
    moduleId: 'test-techdocs-collator',
    register(env) {
      env.registerInit({
        deps: { registry: searchIndexRegistryExtensionPoint },
        async init({ registry }) {
          registry.addCollator({
            schedule: {
              run: async (task: SchedulerServiceTaskInvocationDefinition) => {
                collator.run = async () => {
                  await task.fn(new AbortController().signal);
                };
              },
            },
            factory: {
              type: 'techdocs',
              getCollator: async () =>
                collator.failure
                  ? new Readable({
                      objectMode: true,
                      read() {
                        this.destroy(collator.failure);
                      },
                    })
                  : Readable.from(collator.documents),
            },
          });
        },
      });
    },
  });
  return { collator, module };
}

async function startSearch(withModule: boolean) {
  const { collator, module } = techdocsCollator();
  const backend = await startTestBackend({
    features: [
      searchPlugin,
      module,
      ...(withModule ? [searchModuleLunrEngine] : []),
      // As in the dev app: permissions on, so the search backend's
      // authorizing engine is in front, and SQLite (no Postgres engine).
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true } },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const search = async (types: string[]) => {
    const query = new URLSearchParams({ term: 'studio' });
    types.forEach((type, i) => query.set(`types[${i}]`, type));
    const response = await fetch(
      `http://localhost:${port}/api/search/query?${query}`,
      { headers: { authorization: mockCredentials.user.header() } },
    );
    return { status: response.status, body: await response.json() };
  };
  return { backend, collator, search };
}

describe('search before any TechDocs are built', () => {
  it("fails with Backstage's own Lunr engine: the bug this module fixes", async () => {
    const { backend, search } = await startSearch(false);
    try {
      const answer = await search(['techdocs']);
      expect(answer.status).toBe(500);
      expect(answer.body.error.message).toContain('Missing index for techdocs');
    } finally {
      await backend.stop();
    }
  });

  it('answers no results before the first collation and after one that found no docs', async () => {
    const { backend, collator, search } = await startSearch(true);
    try {
      expect(await search(['techdocs'])).toEqual({
        status: 200,
        body: { results: [], numberOfResults: 0 },
      });
      await collator.run!();
      expect(await search(['techdocs'])).toEqual({
        status: 200,
        body: { results: [], numberOfResults: 0 },
      });
      // Without types too: the authorizing engine asks for every type.
      expect((await search([])).status).toBe(200);
    } finally {
      await backend.stop();
    }
  });

  it('finds a doc once one is built and indexed', async () => {
    const { backend, collator, search } = await startSearch(true);
    try {
      collator.documents = [
        {
          title: 'Opening SageMaker Studio',
          text: 'Open Studio from the project page',
          location: '/docs/default/component/churn-prediction',
        },
      ];
      await collator.run!();
      const answer = await search(['techdocs']);
      expect(answer.status).toBe(200);
      expect(answer.body.results).toEqual([
        expect.objectContaining({
          type: 'techdocs',
          document: expect.objectContaining({
            title: 'Opening SageMaker Studio',
          }),
        }),
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('still fails when the collation itself failed', async () => {
    const { backend, collator, search } = await startSearch(true);
    try {
      collator.failure = new Error('the docs could not be read');
      await expect(collator.run!()).rejects.toThrow(
        'the docs could not be read',
      );
      const answer = await search(['techdocs']);
      expect(answer.status).toBe(500);
      expect(answer.body.error.message).toContain('Missing index for techdocs');
    } finally {
      await backend.stop();
    }
  });
});
