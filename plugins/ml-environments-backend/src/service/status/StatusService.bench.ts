/*
 * npm run bench: the status routes timed over HTTP, as a browser calls them,
 * on a backend that read a 1,000-account organization (the brownfield seed)
 * from the emulator: the first answer after a snapshot is saved (the view is
 * built), then p50/p99/max of 200 answers on the same snapshot, and the
 * answers' size. Prints figures; asserts nothing.
 */
/* eslint-disable jest/expect-expect, @backstage/no-undeclared-imports, no-restricted-syntax, no-restricted-imports -- a benchmark runs like a test (dev dependencies, the source tree) and reports figures instead of asserting */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  brownfieldSeed,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import type { AddressInfo } from 'node:net';
import { mlEnvironmentsPlugin } from '../../plugin';
import { refreshOrThrow } from '../__testUtils__/refresh';

jest.setTimeout(20 * 60_000);

const ADMIN = 'user:default/ada';

describe('status routes over HTTP', () => {
  it('answers GET /organization and GET /projects/{p} at 1,000 accounts', async () => {
    const emulator = await startEmulator({
      seed: brownfieldSeed({ accounts: 1000 }),
      config: { asyncDelayMs: 0 },
    });
    const rows: string[] = [];
    try {
      const { server } = await startTestBackend({
        features: [
          mlEnvironmentsPlugin,
          mockServices.rootConfig.factory({
            data: {
              ...suiteConfigFor(emulator.url),
              mlEnvironments: {
                ...suiteConfigFor(emulator.url).mlEnvironments,
                // The bench asks for a second full read at once.
                status: { refreshMinInterval: { milliseconds: 0 } },
              },
            },
          }),
          mockServices.userInfo.mock({
            getUserInfo: async () => ({
              userEntityRef: ADMIN,
              ownershipEntityRefs: [ADMIN, 'group:default/platform-team'],
            }),
          }).factory,
          catalogServiceMock.factory({ entities: [] }),
        ],
      });
      const authorization = mockCredentials.user.header(ADMIN);
      const base = `http://localhost:${
        (server.address() as AddressInfo).port
      }/api/ml-environments`;
      /** One GET over HTTP: its time in ms and the answer's size. */
      const get = async (path: string) => {
        const started = process.hrtime.bigint();
        const response = await fetch(`${base}${path}`, {
          headers: { authorization },
        });
        const body = await response.text();
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (!response.ok) {
          throw new Error(`GET ${path}: ${response.status} ${body}`);
        }
        return { ms, kb: body.length / 1024, body };
      };
      const percentile = (sorted: number[], p: number) =>
        sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

      const route = async (label: string, path: string, repeat: number) => {
        // The first answer on a new snapshot builds its view.
        const first = await get(path);
        const times: number[] = [];
        for (let i = 0; i < repeat; i++) times.push((await get(path)).ms);
        times.sort((a, b) => a - b);
        rows.push(
          `${label.padEnd(34)} first ${first.ms
            .toFixed(0)
            .padStart(5)} ms  p50 ${percentile(times, 0.5)
            .toFixed(1)
            .padStart(6)}  p99 ${percentile(times, 0.99)
            .toFixed(1)
            .padStart(6)}  max ${times
            .at(-1)!
            .toFixed(1)
            .padStart(6)} ms  (${repeat} answers, ${first.kb.toFixed(0)} KB)`,
        );
        return first.body;
      };

      await refreshOrThrow(server, authorization);
      const organization = JSON.parse(
        await route('GET /organization', '/organization', 200),
      );
      const accountsOf = (node: any): any[] => [
        ...node.accounts,
        ...node.children.flatMap(accountsOf),
      ];
      const accounts = accountsOf(organization.root);
      const project = accounts.find(a => a.project)?.project;
      if (project) {
        await route(`GET /projects/${project}`, `/projects/${project}`, 200);
      }
      // A new snapshot (a full read again): the first answer rebuilds the view.
      await refreshOrThrow(server, authorization);
      await route('GET /organization, new snapshot', '/organization', 50);
      rows.unshift(
        `${accounts.length} accounts; each answer timed over HTTP (fetch to the test backend), sequential, on a loaded 2-core machine`,
      );
    } finally {
      await emulator.close();
      process.stdout.write(`\n${rows.join('\n')}\n\n`);
    }
  });
});
