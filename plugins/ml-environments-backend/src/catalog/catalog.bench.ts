/*
 * npm run bench: a 1,000-account organization into a real catalog
 * (@backstage/plugin-catalog-backend), cold, at AWS's Organizations rates:
 * the peer (@backstage/plugin-catalog-backend-module-aws's account
 * processor on an `aws-cloud-accounts` location) against the suite (its
 * plugin and account entity provider), each in its own catalog on the same
 * emulator, one after the other. Both are timed from the backend's start
 * to the moment a user's catalog read (HTTP, every second) shows every
 * account entity in its final form: the listing plus the catalog's own
 * processing and stitching. Prints figures; asserts nothing.
 */
/* eslint-disable jest/expect-expect, @backstage/no-undeclared-imports, no-restricted-syntax, no-restricted-imports -- a benchmark runs like a test (dev dependencies, the source tree) and reports figures instead of asserting */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  brownfieldSeed,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import type { AddressInfo } from 'node:net';
import { mlEnvironmentsPlugin } from '../plugin';
import { catalogModuleMlEnvironmentAccounts } from './module';
import { accountEntity, accountsOf } from './accountEntities';
import {
  formsHash,
  startPeerCatalog,
  startSuiteCatalog,
  watchCatalog,
} from '../service/__testUtils__/catalogBackends';
import {
  callsBetween,
  markCalls,
  total,
} from '../service/__testUtils__/catalogPeer';

jest.setTimeout(30 * 60_000);

const MANAGEMENT = {
  accessKeyId: 'emulator-management',
  secretAccessKey: 'emulator-placeholder',
};
const DEFAULT_OWNER = 'group:default/platform-team';

describe('catalog benchmark', () => {
  it('brings 1,000 accounts into a real catalog: the peer, then the suite', async () => {
    const emulator = await startEmulator({
      seed: brownfieldSeed({ accounts: 1000 }),
      config: { asyncDelayMs: 0, throttling: { enabled: true } },
    });
    const lines: string[] = [];
    const previous = process.env.AWS_ENDPOINT_URL_ORGANIZATIONS;
    try {
      // 1. The peer: the SDK's standard endpoint variable points its own
      // Organizations client at the emulator.
      process.env.AWS_ENDPOINT_URL_ORGANIZATIONS = emulator.url;
      const names = new Set(
        [...emulator.state.accounts.values()].map(a =>
          a.name
            .trim()
            .toLowerCase()
            .replace(/[^a-zA-Z0-9\-]/g, '-'),
        ),
      );
      let since = markCalls(emulator);
      let started = Date.now();
      const peer = await startPeerCatalog(
        emulator.state.organizationId,
        MANAGEMENT,
      );
      const peerWatch = watchCatalog(peer.server, 'cloud-account', started);
      await peerWatch.until(e => e.length >= names.size, 10 * 60_000);
      await peerWatch.stop();
      const peerSeconds = peerWatch.seen.at(-1)!.seconds;
      const peerCalls = callsBetween(since, markCalls(emulator));
      await peer.stop();
      lines.push(
        `peer in a real catalog: ${
          names.size
        } cloud-account entities (no OU, stage or owner) all readable after ${peerSeconds.toFixed(
          1,
        )} s, ${total(peerCalls.served)} AWS calls served (+${total(
          peerCalls.throttled,
        )} throttled)`,
      );

      // 2. The suite, cold: no snapshot and an empty record (a first
      // install), its first full read at once.
      await new Promise(r => setTimeout(r, 2000)); // the bucket refills
      since = markCalls(emulator);
      started = Date.now();
      const suiteConfig = suiteConfigFor(emulator.url, {
        organizationsRateLimits: {
          list: { ratePerSecond: 5, burst: 8 },
          describePolicy: { ratePerSecond: 2, burst: 2 },
        },
      });
      const suite = await startSuiteCatalog(
        [mlEnvironmentsPlugin, catalogModuleMlEnvironmentAccounts],
        {
          ...suiteConfig,
          mlEnvironments: {
            ...suiteConfig.mlEnvironments,
            catalog: { defaultOwner: DEFAULT_OWNER },
          },
        },
      );
      const suiteWatch = watchCatalog(suite.server, 'aws-account', started);
      // The first full read at once: what the schedule's first run does in
      // an installation (the test backend's scheduler runs no task itself).
      const base = `http://localhost:${
        (suite.server.address() as AddressInfo).port
      }/api/ml-environments`;
      const authorization = mockCredentials.user.header('user:default/reader');
      await fetch(`${base}/refresh`, {
        method: 'POST',
        headers: { authorization },
      });
      // The final form comes from the finished read's view.
      let view: any;
      for (;;) {
        const response = await fetch(`${base}/organization`, {
          headers: { authorization },
        });
        view = response.ok ? await response.json() : undefined;
        if (view && (view.loading ?? []).length === 0) break;
        await new Promise(r => setTimeout(r, 2000));
      }
      const readSeconds = (Date.now() - started) / 1000;
      const final = accountsOf(view.root).map(a =>
        accountEntity(a, DEFAULT_OWNER),
      );
      const finalHash = formsHash(final);
      await suiteWatch.until(e => formsHash(e) === finalHash, 5 * 60_000);
      await suiteWatch.stop();
      const suiteCalls = callsBetween(since, markCalls(emulator));
      await suite.stop();
      const described = suiteWatch.firstSeen(finalHash)!;
      const first = suiteWatch.seen.find(s => s.count > 0);
      lines.push(
        `suite in a real catalog, cold (no snapshot, empty record): first account entities readable after ${first?.seconds.toFixed(
          1,
        )} s; all ${
          final.length
        } in their final form (OU path, stage, owner) after ${described.toFixed(
          1,
        )} s = ${(described / peerSeconds).toFixed(2)}× the peer's; ${
          suiteWatch.seen.length
        } forms seen; its full read took ${readSeconds.toFixed(
          1,
        )} s and ${total(suiteCalls.served)} calls served`,
      );
    } finally {
      if (previous === undefined)
        delete process.env.AWS_ENDPOINT_URL_ORGANIZATIONS;
      else process.env.AWS_ENDPOINT_URL_ORGANIZATIONS = previous;
      await emulator.close();
      process.stdout.write(`\n${lines.join('\n')}\n\n`);
    }
  });
});
