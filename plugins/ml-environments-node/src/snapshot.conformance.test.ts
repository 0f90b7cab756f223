import { ConfigReader } from '@backstage/config';
import {
  adminConfigFor,
  readSeedFile,
  startEmulator,
  suiteConfigFor,
} from '@mlgov/aws-emulator';
import {
  DEFAULT_BASELINE,
  DEFAULT_GUARDRAIL_PARAMETERS,
  evaluateAccountGuardrails,
} from '@mlgov/plugin-ml-environments-common';
import { resolve } from 'node:path';
import { MlAwsClients } from './clients';
import { readOrganizationSnapshot } from './snapshot';

const seed = () =>
  readSeedFile(
    resolve(__dirname, '../../../packages/aws-emulator/seeds/demo.yaml'),
  );

describe("the products' conformance in the status", () => {
  it('reads the Studio domain back, and a domain switched to public internet in Workloads_Dev is require-vpc drift', async () => {
    const emulator = await startEmulator({
      seed: seed(),
      config: { asyncDelayMs: 0 },
    });
    try {
      const clients = MlAwsClients.fromConfig(
        new ConfigReader(suiteConfigFor(emulator.url)),
      );
      const dev = [...emulator.state.accounts.values()].find(
        a => a.name === 'churn-prediction-dev',
      )!;
      const requireVpc = async () => {
        const snapshot = await readOrganizationSnapshot(clients);
        return {
          snapshot,
          status: evaluateAccountGuardrails(
            snapshot,
            dev.id,
            DEFAULT_BASELINE,
            DEFAULT_GUARDRAIL_PARAMETERS,
          )!.guardrails.find(g => g.guardrailId === 'require-vpc')!,
        };
      };
      const before = await requireVpc();
      const [resource] = before.snapshot.products.find(
        p => p.accountId === dev.id && p.outputs.DomainId,
      )!.resources!;
      expect(resource).toMatchObject({
        type: 'AWS::SageMaker::Domain',
        properties: { AppNetworkAccessType: 'VpcOnly' },
      });
      expect(before.status.state).toBe('ok');

      // Someone outside the guardrail (an exempt administrator) opens it.
      emulator.state.domains.get(
        resource.physicalId,
      )!.settings.appNetworkAccessType = 'PublicInternetOnly';
      const after = await requireVpc();
      expect(after.status.state).toBe('drifted');
      expect(after.status.reason).toContain(
        `StudioDomain ${resource.physicalId} of product`,
      );
      expect(after.status.reason).toContain(
        'mlgov-require-vpc (StudioVpcOnly)',
      );
    } finally {
      await emulator.close();
    }
  });

  it("keeps an account's earlier products, marked stale, when only that account cannot be read", async () => {
    const emulator = await startEmulator({
      seed: seed(),
      config: { asyncDelayMs: 0 },
    });
    try {
      // The production default: the suite acts through
      // OrganizationAccountAccessRole, which invited accounts lack.
      const config = new ConfigReader(adminConfigFor(emulator.url));
      const first = await readOrganizationSnapshot(
        MlAwsClients.fromConfig(config),
      );
      const dev = [...emulator.state.accounts.values()].find(
        a => a.name === 'churn-prediction-dev',
      )!;
      // Its access role is gone (as in an invited account): AssumeRole fails.
      dev.roleName = 'SomethingElse';
      const second = await readOrganizationSnapshot(
        MlAwsClients.fromConfig(config),
        first,
      );
      expect(second.stale ?? []).toEqual([]);
      const kept = second.products.filter(p => p.accountId === dev.id);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.every(p => p.stale?.reason.includes(dev.id))).toBe(true);
      expect(
        second.products.filter(p => p.accountId !== dev.id && p.stale),
      ).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  it('reads every other account when an invited project account has no role for the suite (issue 41)', async () => {
    const adopted = seed();
    const dev = adopted
      .organizationalUnits!.flatMap(function accountsOf(ou): any[] {
        return [
          ...(ou.accounts ?? []),
          ...(ou.children ?? []).flatMap(accountsOf),
        ];
      })
      .find(a => a.name === 'churn-prediction-dev')!;
    dev.invited = true;
    const emulator = await startEmulator({
      seed: adopted,
      config: { asyncDelayMs: 0 },
    });
    try {
      const snapshot = await readOrganizationSnapshot(
        MlAwsClients.fromConfig(new ConfigReader(suiteConfigFor(emulator.url))),
      );
      expect(snapshot.stale ?? []).toEqual([]);
      expect(snapshot.products.filter(p => p.accountId === dev.id)).toEqual([]);
      expect(
        snapshot.products.filter(p => p.accountId !== dev.id).length,
      ).toBeGreaterThan(0);
      expect(snapshot.products.filter(p => p.stale)).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
