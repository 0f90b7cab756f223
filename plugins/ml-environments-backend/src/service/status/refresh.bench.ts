/*
 * npm run bench: the organization snapshot at 1,000 accounts under AWS's
 * Organizations rates (the emulator's throttling on), stage by stage, with
 * the lower bound those rates set; the same organization's accounts listed
 * the way @backstage/plugin-catalog-backend-module-aws's processor does
 * (ListAccounts pages); then one change followed from its AWS event to the
 * view. Prints figures; asserts nothing.
 */
/* eslint-disable jest/expect-expect, @backstage/no-undeclared-imports, no-restricted-syntax -- a benchmark runs like a test (dev dependencies, the source tree) and reports figures instead of asserting */
import {
  OrganizationsClient,
  TagResourceCommand,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  brownfieldSeed,
  defaultConfig,
  startEmulator,
  suiteConfigFor,
  throttlingRuleFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import {
  DEFAULT_BASELINE,
  DEFAULT_GUARDRAIL_PARAMETERS,
  OrganizationSnapshot,
  RefreshProgress,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { SnapshotPipeline } from './SnapshotPipeline';
import { SnapshotReadModel } from './SnapshotReadModel';
import { StatusService } from './StatusService';

jest.setTimeout(30 * 60_000);

const MANAGEMENT = {
  accessKeyId: 'emulator-management',
  secretAccessKey: 'emulator-placeholder',
};

/** The store's contract in memory, noting when each snapshot was saved. */
function memoryStore() {
  const saved: Array<{ at: number; snapshot: OrganizationSnapshot }> = [];
  const progress = new Map<string, RefreshProgress>();
  return {
    saved,
    async saveSnapshot(
      snapshot: OrganizationSnapshot,
      options: { basedOn?: number } = {},
    ) {
      if (options.basedOn !== undefined && options.basedOn !== saved.length) {
        return false;
      }
      saved.push({ at: Date.now(), snapshot: structuredClone(snapshot) });
      return true;
    },
    async latestSnapshot() {
      return saved.at(-1)?.snapshot;
    },
    async latestSnapshotId() {
      return saved.length || undefined;
    },
    async saveRefreshProgress(p: RefreshProgress) {
      progress.set(p.id, { ...p });
    },
    async refreshProgress(id: string) {
      return progress.get(id);
    },
  };
}

function countCalls(
  emulator: RunningEmulator,
  since: Record<string, number>,
  now = emulator.callCounts(),
) {
  return Object.fromEntries(
    Object.entries(now)
      .map(([key, n]) => [key, n - (since[key] ?? 0)] as const)
      .filter(([key, n]) => n > 0 && !key.startsWith('sqs:')),
  );
}

const total = (calls: Record<string, number>) =>
  Object.values(calls).reduce((a, b) => a + b, 0);

/**
 * The fastest any reader could make these calls under the rates: each
 * bucket drains its burst at once, then serves `rate` calls a second, and
 * buckets run side by side. Formula: max over buckets of
 * max(0, calls − burst) / rate.
 */
function lowerBoundSeconds(calls: Record<string, number>) {
  const rules = defaultConfig.throttling.rules;
  const perRule = new Map<string, number>();
  for (const [key, n] of Object.entries(calls)) {
    const rule = throttlingRuleFor(rules, key);
    if (rule) perRule.set(rule, (perRule.get(rule) ?? 0) + n);
  }
  let bound = 0;
  const terms: string[] = [];
  for (const [rule, n] of perRule) {
    const { ratePerSecond, burst } = rules[rule];
    const seconds = Math.max(0, n - burst) / ratePerSecond;
    terms.push(
      `${rule}: (${n} − ${burst}) / ${ratePerSecond}/s = ${seconds.toFixed(
        1,
      )} s`,
    );
    bound = Math.max(bound, seconds);
  }
  return { bound, terms };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('refresh benchmark', () => {
  it('reads a 1,000-account organization under AWS rates, then follows one change', async () => {
    const emulator = await startEmulator({
      seed: brownfieldSeed({ accounts: 1000 }),
      config: { asyncDelayMs: 0, throttling: { enabled: true } },
    });
    const lines: string[] = [];
    try {
      const clients = MlAwsClients.fromConfig(
        new ConfigReader(
          // The suite's own limits at AWS's rates, as in production.
          suiteConfigFor(emulator.url, {
            organizationsRateLimits: {
              list: { ratePerSecond: 5, burst: 8 },
              describePolicy: { ratePerSecond: 2, burst: 2 },
            },
          }),
        ),
      );
      const store = memoryStore();
      const readModel = new SnapshotReadModel(store);
      const pipeline = new SnapshotPipeline({
        store,
        readModel,
        clients,
        logger: mockServices.logger.mock(),
        events: { publish: async () => {} },
        awsEvents: { batchMs: 50, followUpMs: 1000 },
        consumers: [],
      });
      const status = new StatusService({
        readModel,
        store,
        pipeline,
        clients,
        baseline: DEFAULT_BASELINE,
        parameters: DEFAULT_GUARDRAIL_PARAMETERS,
        logger: mockServices.logger.mock(),
      });
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;

      // 1. Cold start, stage by stage.
      let since = emulator.callCounts();
      const throttledBefore = emulator.throttledCallCounts();
      const started = Date.now();
      await pipeline.refresh();
      const wall = (Date.now() - started) / 1000;
      const calls = countCalls(emulator, since);
      const throttled = countCalls(
        emulator,
        throttledBefore,
        emulator.throttledCallCounts(),
      );
      // AWS's bound counts the calls that were served, not the retries.
      const served = Object.fromEntries(
        Object.entries(calls).map(([k, n]) => [k, n - (throttled[k] ?? 0)]),
      );
      const structureSeconds = (store.saved[0].at - started) / 1000;
      const treeSeconds = (store.saved[1].at - started) / 1000;
      const { bound, terms } = lowerBoundSeconds(served);
      const accounts = store.saved.at(-1)!.snapshot.accounts.length;
      lines.push(
        `cold snapshot: ${accounts} accounts, ${total(
          served,
        )} AWS calls served (+${total(
          throttled,
        )} throttled and retried), ${wall.toFixed(1)} s`,
        `  accounts published after ${structureSeconds.toFixed(
          1,
        )} s (ListAccounts ${
          served['organizations:ListAccounts'] ?? 0
        } calls), with their OUs after ${treeSeconds.toFixed(1)} s; ${
          store.saved.length
        } stages saved`,
        `  lower bound under AWS's rates ${bound.toFixed(1)} s — ${terms.join(
          '; ',
        )}`,
        `  ratio to the lower bound: ${(wall / bound).toFixed(2)}`,
        `  calls: ${Object.entries(calls)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
      );
      await status.organization();
      lines.push(
        `  snapshot ${mb(
          JSON.stringify(store.saved.at(-1)!.snapshot).length,
        )} as JSON; heap +${mb(
          process.memoryUsage().heapUsed - heapBefore,
        )} after the snapshot and its view`,
      );

      // 2. The peer's way into the catalog: ListAccounts pages only.
      const organizations = new OrganizationsClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: MANAGEMENT,
      });
      await new Promise(r => setTimeout(r, 2000)); // the bucket refills
      since = emulator.callCounts();
      const peerStarted = Date.now();
      let listed = 0;
      for await (const page of paginateListAccounts(
        { client: organizations },
        {},
      )) {
        listed += page.Accounts?.length ?? 0;
      }
      const peerSeconds = (Date.now() - peerStarted) / 1000;
      const peerCalls = total(countCalls(emulator, since));
      // The accounts stage: DescribeOrganization, ListRoots, ListAccounts pages.
      const accountStageCalls = 2 + (served['organizations:ListAccounts'] ?? 0);
      lines.push(
        `catalog path, the peer's way (ListAccounts pages, as plugin-catalog-backend-module-aws lists accounts): ${listed} accounts, ${peerCalls} calls, ${peerSeconds.toFixed(
          1,
        )} s`,
        `  ours, accounts stage: ${accountStageCalls} calls, ${structureSeconds.toFixed(
          1,
        )} s = ${(structureSeconds / Math.max(peerSeconds, 0.001)).toFixed(
          2,
        )}× the time, ${(accountStageCalls / peerCalls).toFixed(2)}× the calls`,
      );

      // 3. One change, from its AWS event to the view.
      const sqs = new SQSClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: MANAGEMENT,
      });
      const queueUrl = `${emulator.url}/111111111111/ml-governance-events`;
      while (
        (
          await sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: queueUrl,
              MaxNumberOfMessages: 10,
            }),
          )
        ).Messages?.length
      );
      const account = store.saved.at(-1)!.snapshot.accounts.at(-1)!;
      await organizations.send(
        new TagResourceCommand({
          ResourceId: account.id,
          Tags: [{ Key: 'cost-center', Value: 'bench' }],
        }),
      );
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5 }),
      );
      since = emulator.callCounts();
      const eventAt = Date.now();
      for (const message of Messages)
        pipeline.applyAwsEvent(JSON.parse(message.Body!));
      await pipeline.changesApplied();
      const view = await status.organization();
      const changeSeconds = (Date.now() - eventAt) / 1000;
      const changeCalls = countCalls(emulator, since);
      lines.push(
        `one tag change: event to updated view ${changeSeconds.toFixed(
          2,
        )} s (including the ${50} ms batch window), ${total(
          changeCalls,
        )} AWS calls (${Object.keys(changeCalls).join(', ')}); view taken ${
          view.takenAt
        }`,
        `heap +${mb(
          process.memoryUsage().heapUsed - heapBefore,
        )} at the end (the ${
          store.saved.length
        } snapshots kept in memory included)`,
      );
    } finally {
      await emulator.close();
      process.stdout.write(`\n${lines.join('\n')}\n\n`);
    }
  });
});
