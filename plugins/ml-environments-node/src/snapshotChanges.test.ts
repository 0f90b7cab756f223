import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateOrganizationalUnitCommand } from '@aws-sdk/client-organizations';
import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';
import {
  OrganizationSnapshot,
  SnapshotChange,
  applySnapshotPatch,
  changesFromAwsEvent,
} from '@mlgov/plugin-ml-environments-common';
import { resolve } from 'node:path';
import { MlAwsClients } from './clients';
import { readOrganizationSnapshot } from './snapshot';
import { readSnapshotChanges } from './snapshotChanges';

const ASYNC_DELAY_MS = 300;

describe('reading only what AWS events changed', () => {
  let emulator: RunningEmulator;
  let clients: MlAwsClients;
  let sqs: SQSClient;
  let snapshot: OrganizationSnapshot;

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
      config: { asyncDelayMs: ASYNC_DELAY_MS },
    });
    clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
    sqs = new SQSClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'emulator-management',
        secretAccessKey: 'emulator-placeholder',
      },
    });
    snapshot = await readOrganizationSnapshot(clients);
  });

  afterAll(() => emulator.close());

  /** The changes of every event waiting on the emulator's events queue. */
  async function pendingChanges(): Promise<SnapshotChange[]> {
    const changes: SnapshotChange[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: `${emulator.url}/111111111111/ml-governance-events`,
          MaxNumberOfMessages: 10,
        }),
      );
      if (Messages.length === 0) return changes;
      for (const message of Messages) {
        changes.push(...changesFromAwsEvent(JSON.parse(message.Body!)));
      }
    }
  }

  it('waits for a control operation to finish before reading the OU again', async () => {
    const sandbox = snapshot.ous.find(o => o.path === 'Sandbox')!;
    const controlTower = await clients.controlTower();
    await controlTower.enableControl(
      'arn:aws:controltower:us-east-1::control/AWS-GR_S3_VERSIONING_ENABLED',
      sandbox.arn,
    );
    const changes = await pendingChanges();
    expect(changes).toEqual([
      {
        kind: 'controls',
        ouArn: sandbox.arn,
        operationId: expect.any(String),
      },
    ]);

    const early = await readSnapshotChanges(clients, snapshot, changes);
    expect(early.unsettled).toEqual(changes);
    expect(early.controls).toEqual([]);

    await new Promise(r => setTimeout(r, ASYNC_DELAY_MS * 2));
    const before = Object.values(emulator.callCounts()).reduce((a, b) => a + b);
    const done = await readSnapshotChanges(clients, snapshot, changes);
    const calls =
      Object.values(emulator.callCounts()).reduce((a, b) => a + b) - before;
    // GetControlOperation and ListEnabledControls for one OU.
    expect(calls).toBe(2);
    expect(done.unsettled).toEqual([]);
    const patched = applySnapshotPatch(snapshot, done);
    expect(
      patched.controls.filter(c => c.ouId === sandbox.id).map(c => c.controlId),
    ).toContain('AWS-GR_S3_VERSIONING_ENABLED');
    expect(patched.controls.length).toBe(snapshot.controls.length + 1);
  });

  it('reads the OU tree again when an OU is created', async () => {
    const organizations = await clients.organizations();
    await organizations.send(
      new CreateOrganizationalUnitCommand({
        ParentId: snapshot.rootId,
        Name: 'Suspended',
      }),
    );
    const changes = await pendingChanges();
    expect(changes).toEqual([{ kind: 'tree' }]);
    const patched = applySnapshotPatch(
      snapshot,
      await readSnapshotChanges(clients, snapshot, changes),
    );
    expect(patched.ous.map(o => o.path)).toContain('Suspended');
    expect(patched.accounts).toEqual(snapshot.accounts);
  });
});

/** A first read of the demo organization, with every stage it published. */
async function firstRead(treeProgressMs?: number) {
  const emulator = await startEmulator({
    seed: readSeedFile(
      resolve(__dirname, '../../../packages/aws-emulator/seeds/demo.yaml'),
    ),
    config: { asyncDelayMs: 0 },
  });
  try {
    const clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
    const stages: OrganizationSnapshot[] = [];
    const whole = await readOrganizationSnapshot(clients, undefined, {
      onStage: async partial => {
        stages.push(partial);
      },
      treeProgressMs,
    });
    return { stages, whole };
  } finally {
    await emulator.close();
  }
}

describe('a first read published stage by stage', () => {
  it('publishes the OU tree with every account first, then each section as it completes', async () => {
    const { stages, whole } = await firstRead();
    // The tree first; then each section as it finishes, in any order.
    expect(stages[0].loading).toEqual([
      'registration',
      'tags',
      'policies',
      'controls',
      'compliance',
      'products',
    ]);
    stages.slice(1).forEach((stage, i) => {
      expect(stages[i].loading).toEqual(expect.arrayContaining(stage.loading!));
      expect(stage.loading!.length).toBe(stages[i].loading!.length - 1);
    });
    expect(stages.at(-1)!.loading).toHaveLength(1);
    // The first stage already has every account in its OU, without tags yet.
    expect(stages[0].accounts.map(a => [a.id, a.parentId])).toEqual(
      whole.accounts.map(a => [a.id, a.parentId]),
    );
    expect(stages[0].ous).toEqual(
      whole.ous.map(({ controlTower: _c, ...ou }) => ou),
    );
    expect(
      stages[0].accounts.every(a => Object.keys(a.tags).length === 0),
    ).toBe(true);
    // Products wait for the tags (they name the project accounts).
    const tagged = stages.findIndex(s => !s.loading!.includes('tags'));
    expect(stages[tagged].accounts).toEqual(whole.accounts);
    expect(
      stages.slice(0, tagged + 1).every(s => s.loading!.includes('products')),
    ).toBe(true);
    expect(whole.loading).toBeUndefined();
  });
});

describe('a first read publishes its OU tree as it grows', () => {
  it('lists only accounts whose whole OU path is read, more at each stage', async () => {
    const { stages, whole } = await firstRead(0);
    const growing = stages.filter(s => s.loading!.includes('tree'));
    const complete = stages.findIndex(s => !s.loading!.includes('tree'));
    // Every growing stage comes before the whole tree, and grows.
    expect(growing.length).toBeGreaterThan(1);
    expect(complete).toBe(growing.length);
    growing.slice(1).forEach((stage, i) => {
      expect(stage.accounts.length).toBeGreaterThanOrEqual(
        growing[i].accounts.length,
      );
    });
    expect(growing[0].accounts.length).toBeLessThan(whole.accounts.length);
    expect(stages[complete].accounts).toHaveLength(whole.accounts.length);
    // An account listed is where the whole read puts it, under OUs listed.
    const parentOf = new Map(whole.accounts.map(a => [a.id, a.parentId]));
    for (const stage of growing) {
      const ous = new Set([stage.rootId, ...stage.ous.map(o => o.id)]);
      for (const account of stage.accounts) {
        expect(account.parentId).toBe(parentOf.get(account.id));
        expect(ous.has(account.parentId)).toBe(true);
      }
    }
  });
});
