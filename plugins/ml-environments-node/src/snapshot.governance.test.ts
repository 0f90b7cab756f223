import { ConfigReader } from '@backstage/config';
import {
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import {
  DEFAULT_BASELINE,
  DEFAULT_GUARDRAIL_PARAMETERS,
  evaluateAccountGuardrails,
  evaluateOuGuardrails,
  problemKey,
} from '@mlgov/plugin-ml-environments-common';
import { resolve } from 'node:path';
import { MlAwsClients } from './clients';
import { readOrganizationSnapshot } from './snapshot';

describe('governance by Control Tower in the status', () => {
  it('says an expected control is missing because its OU is not registered, and flags accounts not enrolled', async () => {
    const seed = readSeedFile(
      resolve(__dirname, '../../../packages/aws-emulator/seeds/demo.yaml'),
    );
    // Workloads_PreProd is registered; Sandbox is not.
    seed.controlTower = { unregistered: ['Sandbox'] };
    const emulator = await startEmulator({ seed, config: { asyncDelayMs: 0 } });
    try {
      // An account moved into Workloads_Dev after its baseline was applied.
      const dev = [...emulator.state.ous.values()].find(
        o => o.name === 'Workloads_Dev',
      )!;
      const moved = [...emulator.state.accounts.values()].find(
        a => a.name === 'fraud-detection-prod',
      )!;
      moved.parentId = dev.id;
      const clients = MlAwsClients.fromConfig(
        new ConfigReader(suiteConfigFor(emulator.url)),
      );
      const snapshot = await readOrganizationSnapshot(clients);
      expect(
        snapshot.ous.find(o => o.path === 'Sandbox')?.controlTower,
      ).toEqual({ registered: false, unenrolledAccounts: false });
      expect(
        snapshot.ous.find(o => o.path === 'Workloads/Workloads_Dev')
          ?.controlTower,
      ).toEqual({ registered: true, unenrolledAccounts: true });

      const sandboxBaseline = {
        ...DEFAULT_BASELINE,
        Sandbox: ['AWS-GR_S3_VERSIONING_ENABLED'],
      };
      const sandbox = evaluateOuGuardrails(
        snapshot,
        sandboxBaseline,
        DEFAULT_GUARDRAIL_PARAMETERS,
      ).find(t => t.label === 'Sandbox')!;
      expect(
        sandbox.guardrails.find(
          g => g.guardrailId === 'AWS-GR_S3_VERSIONING_ENABLED',
        )?.reason,
      ).toBe(
        'AWS-GR_S3_VERSIONING_ENABLED is not enabled on Sandbox, which is not registered with Control Tower: register it (aws:controltower:registerOrganizationalUnit), then enable the control',
      );
      const account = evaluateAccountGuardrails(
        snapshot,
        moved.id,
        DEFAULT_BASELINE,
        DEFAULT_GUARDRAIL_PARAMETERS,
      )!;
      expect(
        account.guardrails.find(
          g => g.guardrailId === 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
        ),
      ).toMatchObject({
        state: 'unknown',
        reason: expect.stringContaining('may not be enrolled in Control Tower'),
      });
    } finally {
      await emulator.close();
    }
  });
});

describe('compliance from a configured aggregator', () => {
  it('says compliance is unavailable, and why, when the aggregator does not exist', async () => {
    const emulator = await startEmulator({
      seed: readSeedFile(
        resolve(__dirname, '../../../packages/aws-emulator/seeds/demo.yaml'),
      ),
      config: { asyncDelayMs: 0 },
    });
    try {
      const clients = MlAwsClients.fromConfig(
        new ConfigReader(
          suiteConfigFor(emulator.url, { configAggregatorName: 'elsewhere' }),
        ),
      );
      const snapshot = await readOrganizationSnapshot(clients);
      expect(snapshot.compliance).toEqual([]);
      expect(snapshot.complianceUnavailable).toBe(
        "the AWS Config aggregator elsewhere does not exist in the management account; set mlEnvironments.aws.configAggregatorName to your landing zone's",
      );
      const dev = evaluateOuGuardrails(
        snapshot,
        DEFAULT_BASELINE,
        DEFAULT_GUARDRAIL_PARAMETERS,
      ).find(t => t.label === 'Workloads/Workloads_Dev')!;
      // Not "no findings": the public bucket of the demo is not known here.
      expect(
        dev.guardrails.find(
          g => g.guardrailId === 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
        ),
      ).toMatchObject({
        state: 'unknown',
        reason: expect.stringContaining('its compliance is unavailable'),
      });
    } finally {
      await emulator.close();
    }
  });
});

describe("an OU's problem on the accounts below it", () => {
  it("carries the age the suite recorded for the OU's drift, under the same key", async () => {
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
      const snapshot = await readOrganizationSnapshot(clients);
      // Seed drift 3: a control on Workloads_Prod drifted.
      const prodOu = evaluateOuGuardrails(
        snapshot,
        DEFAULT_BASELINE,
        DEFAULT_GUARDRAIL_PARAMETERS,
      ).find(t => t.label === 'Workloads/Workloads_Prod')!;
      const ouProblems = prodOu.guardrails.flatMap(g => problemKey(g) ?? []);
      expect(ouProblems).toHaveLength(1);
      expect(ouProblems[0]).toMatch(/\|drifted$/);

      const since = '2026-11-01T08:00:00.000Z';
      const prodAccount = snapshot.accounts.find(
        a => a.name === 'churn-prediction-prod',
      )!;
      const account = evaluateAccountGuardrails(
        snapshot,
        prodAccount.id,
        DEFAULT_BASELINE,
        {
          ...DEFAULT_GUARDRAIL_PARAMETERS,
          problemsSince: { [ouProblems[0]]: since },
        },
      )!;
      const drifted = account.guardrails.filter(g => g.state === 'drifted');
      expect(drifted.map(g => g.since)).toEqual([since]);
      expect(
        account.guardrails.filter(g => g.state !== 'drifted' && g.since),
      ).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
