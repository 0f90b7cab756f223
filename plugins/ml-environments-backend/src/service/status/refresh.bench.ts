/*
 * npm run bench: the organization snapshot at 1,000 accounts under AWS's
 * Organizations rates (the emulator's throttling on), stage by stage, set
 * against the floor of the task: the calls any correct reader must make for
 * this organization (its OU tree, every account's tags, every SCP with its
 * targets), counted from the emulator's state, at the published rates.
 * Then the peer, @backstage/plugin-catalog-backend-module-aws's account
 * reader, on the same emulator, against the time the suite's account
 * entities were fully described; then one change followed from its AWS event
 * to the view. Prints figures; asserts nothing.
 */
/* eslint-disable jest/expect-expect, @backstage/no-undeclared-imports, no-restricted-syntax, no-restricted-imports -- a benchmark runs like a test (dev dependencies, the source tree) and reports figures instead of asserting */
import {
  OrganizationsClient,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  brownfieldSeed,
  startEmulator,
  suiteConfigFor,
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
import {
  CallMark,
  callsBetween,
  describedStage,
  markCalls,
  recordOf,
  runPeer,
  total,
} from '../__testUtils__/catalogPeer';

jest.setTimeout(30 * 60_000);

const MANAGEMENT = {
  accessKeyId: 'emulator-management',
  secretAccessKey: 'emulator-placeholder',
};

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
      // The calls counted when each stage was saved, for the catalog figures.
      const stageCalls: CallMark[] = [];
      const save = store.saveSnapshot;
      store.saveSnapshot = async (...args) => {
        const saved = await save(...args);
        if (saved) stageCalls.push(markCalls(emulator));
        return saved;
      };
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
      const before = markCalls(emulator);
      const started = Date.now();
      await pipeline.refresh();
      const wall = (Date.now() - started) / 1000;
      // AWS's rates count the calls that were served, not the retries.
      const { calls, throttled, served } = callsBetween(
        before,
        markCalls(emulator),
      );
      const stageAt = (done: (loading: string[]) => boolean) => {
        const stage = store.saved.find(x => done(x.snapshot.loading ?? []));
        return ((stage?.at ?? Date.now()) - started) / 1000;
      };
      const treeSeconds = stageAt(loading => !loading.includes('tree'));
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

      // 2. The catalog path: the peer's account reader on the same
      // emulator, against the stage at which every entity of ours was in its
      // final form, in time and in calls served (by the suite until then).
      await new Promise(r => setTimeout(r, 2000)); // the bucket refills
      const peerVersion =
        require('@backstage/plugin-catalog-backend-module-aws/package.json').version;
      const peer = await runPeer(emulator, MANAGEMENT).catch((e: Error) => e);
      const viewOptions = {
        baseline: DEFAULT_BASELINE,
        parameters: DEFAULT_GUARDRAIL_PARAMETERS,
        region: 'us-east-1',
      };
      const described = (
        label: string,
        record: ReturnType<typeof recordOf>,
      ) => {
        const i = describedStage(store.saved, viewOptions, record);
        const seconds = (store.saved[i].at - started) / 1000;
        const servedThen = total(callsBetween(before, stageCalls[i]).served);
        const vsPeer =
          peer instanceof Error
            ? 'no peer figure to set it against'
            : `${(seconds / peer.seconds).toFixed(2)}× the peer's time, ${(
                servedThen / Math.max(total(peer.served), 1)
              ).toFixed(2)}× its served calls`;
        return `  ours, ${label}: all ${accounts} account entities fully described (OU, stage, owner) after ${seconds.toFixed(
          1,
        )} s (stage ${i + 1} of ${
          store.saved.length
        }), ${servedThen} calls served by then = ${vsPeer}`;
      };
      const record = recordOf(emulator);
      lines.push(
        peer instanceof Error
          ? `@backstage/plugin-catalog-backend-module-aws ${peerVersion}: AwsOrganizationCloudAccountProcessor could not list the emulator's accounts: ${peer.name}: ${peer.message}`
          : `@backstage/plugin-catalog-backend-module-aws ${peerVersion}, AwsOrganizationCloudAccountProcessor on the same emulator (its SDK defaults; endpoint from AWS_ENDPOINT_URL_ORGANIZATIONS): ${
              peer.entities
            } entities (name, id, email, status; no OU, stage or owner), ${total(
              peer.served,
            )} calls served (+${total(
              peer.throttled,
            )} throttled and retried), ${peer.seconds.toFixed(1)} s`,
        described(
          `with the ${record.owners.size} tagged ML projects in its record`,
          record,
        ),
        described('with an empty record (a first install)', {
          owners: new Map(),
          accounts: new Map(),
        }),
      );

      // 3. One change, from its AWS event to the view.
      const organizations = new OrganizationsClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: MANAGEMENT,
      });
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
      const since = markCalls(emulator);
      const eventAt = Date.now();
      for (const message of Messages)
        pipeline.applyAwsEvent(JSON.parse(message.Body!));
      await pipeline.changesApplied();
      const view = await status.organization();
      const changeSeconds = (Date.now() - eventAt) / 1000;
      const changeCalls = callsBetween(since, markCalls(emulator)).calls;
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
