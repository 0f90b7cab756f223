/*
 * npm run bench: the organization snapshot at 1,000 accounts under AWS's
 * Organizations rates (the emulator's throttling on), stage by stage, set
 * against the floor of the task: the calls any correct reader must make for
 * this organization (its OU tree, every account's tags, every SCP with its
 * targets), counted from the emulator's state, at the published rates.
 * Then one change followed from its AWS event to the view. Prints figures;
 * asserts nothing.
 */
/* eslint-disable jest/expect-expect, @backstage/no-undeclared-imports, no-restricted-syntax, no-restricted-imports -- a benchmark runs like a test (dev dependencies, the source tree) and reports figures instead of asserting */
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
  startEmulator,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import {
  DEFAULT_BASELINE,
  DEFAULT_GUARDRAIL_PARAMETERS,
} from '@mlgov/plugin-ml-environments-common';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';
import { SnapshotPipeline } from './SnapshotPipeline';
import { SnapshotReadModel } from './SnapshotReadModel';
import { StatusService } from './StatusService';
import { memoryStore } from '../__testUtils__/memoryStore';
import { lowerBoundSeconds, taskCalls } from '../__testUtils__/taskFloor';

jest.setTimeout(30 * 60_000);

const MANAGEMENT = {
  accessKeyId: 'emulator-management',
  secretAccessKey: 'emulator-placeholder',
};

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
      // Heap is not measured: jest runs without --expose-gc, so a heap
      // difference here is the collector's timing, not the snapshot's size.
      const task = taskCalls(emulator);

      // 1. Cold start, stage by stage.
      let since = emulator.callCounts();
      let throttledBefore = emulator.throttledCallCounts();
      const started = Date.now();
      await pipeline.refresh();
      const wall = (Date.now() - started) / 1000;
      const calls = countCalls(emulator, since);
      const throttled = countCalls(
        emulator,
        throttledBefore,
        emulator.throttledCallCounts(),
      );
      // AWS's rates count the calls that were served, not the retries.
      const served = Object.fromEntries(
        Object.entries(calls).map(([k, n]) => [k, n - (throttled[k] ?? 0)]),
      );
      const stageAt = (done: (loading: string[]) => boolean) => {
        const stage = store.saved.find(x => done(x.snapshot.loading ?? []));
        return ((stage?.at ?? Date.now()) - started) / 1000;
      };
      const treeSeconds = stageAt(() => true);
      const tagsSeconds = stageAt(loading => !loading.includes('tags'));
      const floor = lowerBoundSeconds(task.all);
      const treeFloor = lowerBoundSeconds(task.tree);
      const ours = lowerBoundSeconds(served);
      const accounts = store.saved.at(-1)!.snapshot.accounts.length;
      lines.push(
        `cold snapshot: ${accounts} accounts, ${total(
          served,
        )} AWS calls served (+${total(
          throttled,
        )} throttled and retried), ${wall.toFixed(1)} s`,
        `  the task's floor (calls any correct reader must make, from the organization's shape: ${total(
          task.all,
        )} Organizations calls) ${floor.bound.toFixed(
          1,
        )} s — ${floor.terms.join('; ')}`,
        `  ratio to the task's floor: ${(wall / floor.bound).toFixed(
          2,
        )} (the calls the suite made would take at least ${ours.bound.toFixed(
          1,
        )} s)`,
        `  every account in its OU after ${treeSeconds.toFixed(
          1,
        )} s (the tree's floor ${treeFloor.bound.toFixed(1)} s, ${total(
          task.tree,
        )} calls); tags (stage and owner of projects not in the record) after ${tagsSeconds.toFixed(
          1,
        )} s; ${store.saved.length} stages saved`,
        `  calls: ${Object.entries(calls)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
        `  snapshot ${mb(
          JSON.stringify(store.saved.at(-1)!.snapshot).length,
        )} as JSON (heap not measured: jest runs without --expose-gc)`,
      );

      // 2. The catalog path. The peer module is not installed here, so it
      // is not measured; ListAccounts pages alone are what its account
      // listing calls, set against our first stage, served calls each.
      const peerInstalled = (() => {
        try {
          require.resolve('@backstage/plugin-catalog-backend-module-aws');
          return true;
        } catch {
          return false;
        }
      })();
      const organizations = new OrganizationsClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: MANAGEMENT,
      });
      await new Promise(r => setTimeout(r, 2000)); // the bucket refills
      since = emulator.callCounts();
      throttledBefore = emulator.throttledCallCounts();
      const listStarted = Date.now();
      let listed = 0;
      for await (const page of paginateListAccounts(
        { client: organizations },
        {},
      )) {
        listed += page.Accounts?.length ?? 0;
      }
      const listSeconds = (Date.now() - listStarted) / 1000;
      const listServed =
        total(countCalls(emulator, since)) -
        total(
          countCalls(emulator, throttledBefore, emulator.throttledCallCounts()),
        );
      const treeServed =
        1 +
        (served['organizations:ListRoots'] ?? 0) +
        (served['organizations:ListOrganizationalUnitsForParent'] ?? 0) +
        (served['organizations:ListAccountsForParent'] ?? 0);
      lines.push(
        peerInstalled
          ? '@backstage/plugin-catalog-backend-module-aws is installed but this bench does not run it yet: not measured'
          : '@backstage/plugin-catalog-backend-module-aws: not installed in this workspace, not measured',
        `  ListAccounts pages alone (what the peer's account listing calls; entities without OU, stage or owner): ${listed} accounts, ${listServed} calls served, ${listSeconds.toFixed(
          1,
        )} s`,
        `  ours, first stage (every account in its OU; stage and owner from the record): ${treeServed} calls served, ${treeSeconds.toFixed(
          1,
        )} s = ${(treeSeconds / Math.max(listSeconds, 0.001)).toFixed(
          2,
        )}× the time, ${(treeServed / Math.max(listServed, 1)).toFixed(
          2,
        )}× the calls`,
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
      );
    } finally {
      await emulator.close();
      process.stdout.write(`\n${lines.join('\n')}\n\n`);
    }
  });
});
