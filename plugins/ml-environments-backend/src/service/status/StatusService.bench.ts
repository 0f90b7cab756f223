/*
 * npm run bench: how long the status routes take to evaluate an organization
 * of 1,000+ accounts, and how large their answers are. The demo organization
 * is read from the emulator, then its churn-prediction project is cloned into
 * 300 projects (1,200 more accounts). Prints figures; asserts nothing.
 */
/* eslint-disable jest/expect-expect, @backstage/no-undeclared-imports, no-restricted-syntax -- a benchmark runs like a test (dev dependencies, the source tree) and reports figures instead of asserting */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import {
  DEFAULT_BASELINE,
  DEFAULT_GUARDRAIL_PARAMETERS,
  OrganizationSnapshot,
} from '@mlgov/plugin-ml-environments-common';
import {
  MlAwsClients,
  readOrganizationSnapshot,
} from '@mlgov/plugin-ml-environments-node';
import { resolve } from 'node:path';
import { SnapshotReadModel } from './SnapshotReadModel';
import { StatusService } from './StatusService';

jest.setTimeout(10 * 60_000);

function scaled(snapshot: OrganizationSnapshot, projects: number) {
  const template = snapshot.accounts.filter(
    a => a.tags['ml-project'] === 'churn-prediction',
  );
  const accounts = [...snapshot.accounts];
  for (let p = 0; p < projects; p++) {
    template.forEach((account, i) => {
      accounts.push({
        ...account,
        id: String(500000000000 + p * 10 + i),
        name: account.name.replace('churn-prediction', `project-${p}`),
        email: `project-${p}-${i}@example.com`,
        tags: { ...account.tags, 'ml-project': `project-${p}` },
      });
    });
  }
  return { ...snapshot, accounts };
}

async function timed<T>(run: () => Promise<T>) {
  const started = process.hrtime.bigint();
  const value = await run();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

describe('status benchmark', () => {
  it('evaluates a 1,000+ account organization', async () => {
    const emulator = await startEmulator({
      seed: readSeedFile(
        resolve(
          __dirname,
          '../../../../../packages/aws-emulator/seeds/demo.yaml',
        ),
      ),
      config: { asyncDelayMs: 0 },
    });
    const clients = MlAwsClients.fromConfig(
      new ConfigReader(suiteConfigFor(emulator.url)),
    );
    const demo = await readOrganizationSnapshot(clients);
    emulator.close();

    const rows = ['accounts  route                ms   answer KB'];
    for (const projects of [0, 75, 300]) {
      const snapshot = scaled(demo, projects);
      const store = {
        latestSnapshot: async () => snapshot,
        latestSnapshotId: async () => projects,
        refreshProgress: async () => undefined,
      };
      const status = new StatusService({
        readModel: new SnapshotReadModel(store),
        store,
        pipeline: {},
        clients,
        baseline: DEFAULT_BASELINE,
        parameters: DEFAULT_GUARDRAIL_PARAMETERS,
        logger: mockServices.logger.mock(),
      });
      const organization = await timed(() => status.organization());
      // Later requests on the same snapshot are served from the read model.
      const warm = [];
      for (let i = 0; i < 100; i++) {
        warm.push(await timed(() => status.organization()));
      }
      warm.sort((a, b) => a.ms - b.ms);
      const p99 = warm[98];
      const project = await timed(() => status.project('churn-prediction'));
      for (const [route, { value, ms }] of [
        ['GET /organization', organization],
        ['  same, p99 warm', p99],
        ['GET /projects/{p}', project],
      ] as const) {
        rows.push(
          `${String(snapshot.accounts.length).padStart(8)}  ${route.padEnd(
            18,
          )} ${ms.toFixed(0).padStart(6)}  ${(
            JSON.stringify(value).length / 1024
          )
            .toFixed(0)
            .padStart(10)}`,
        );
      }
    }
    process.stdout.write(`\n${rows.join('\n')}\n\n`);
  });
});
