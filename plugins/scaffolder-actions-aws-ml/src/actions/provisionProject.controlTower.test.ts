import type { RunningEmulator } from '@mlgov/aws-emulator';
import { createProvisionProjectAction } from './provisionProject';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';
import { demoSeed } from './__testUtils__/emulator';
import { ensureAccountsEnrolled } from '@mlgov/plugin-ml-environments-node';
import { stepOf } from './step';
import { inputsFor, layoutOf, mlops } from './__testUtils__/provisionProject';

/**
 * Only the management account, and the team shared services account with
 * its portfolio of published products, at the root: no Workloads,
 * Deployments or Sandbox OU.
 */
function withoutGuideOus() {
  const demo = demoSeed();
  const shared = demo
    .organizationalUnits!.find(o => o.name === 'Workloads')!
    .accounts!.find(a => a.name === 'Team Shared Services')!;
  return {
    organization: demo.organization,
    iam: { suiteAccounts: { sharedServices: 'Team Shared Services' } },
    accounts: [shared],
    serviceCatalog: demo.serviceCatalog!.map(p => ({
      ...p,
      shareWith: [],
    })),
  };
}

describe('aws:ml:provisionProject with Control Tower as it really is', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  describe('with Control Tower as it really is', () => {
    const registrationOf = (emulator: RunningEmulator, path: string) => {
      const ou = [...emulator.state.ous.values()].find(
        o => o.name === path.split('/').pop(),
      )!;
      return [...emulator.state.enabledBaselines.values()].find(
        b =>
          b.targetIdentifier === ou.arn &&
          b.baselineIdentifier.endsWith('/17BSJV3IGJ2QSGA2'),
      );
    };

    it('registers an OU it finds unregistered before enabling its controls, and enrols the accounts it moves in', async () => {
      const seed = demoSeed();
      seed.controlTower = { unregistered: ['Workloads/Workloads_PreProd'] };
      const ct = await startActionsEnv({ seed });
      try {
        await createProvisionProjectAction(ct.deps).handler(
          createTestActionContext(mlops).ctx,
        );
        const preprod = registrationOf(
          ct.emulator,
          'Workloads/Workloads_PreProd',
        );
        expect(preprod).toMatchObject({
          status: 'SUCCEEDED',
          parameters: [
            {
              key: 'IdentityCenterEnabledBaselineArn',
              value: expect.stringContaining(':enabledbaseline/'),
            },
          ],
        });
        const creditRiskPreprod = [...ct.emulator.state.accounts.values()].find(
          a => a.name === 'credit-risk-preprod',
        )!;
        expect(preprod!.enrolledAccountIds.has(creditRiskPreprod.id)).toBe(
          true,
        );
        // Enrolled in the OUs that were registered already, too.
        const dev = registrationOf(ct.emulator, 'Workloads/Workloads_Dev');
        const creditRiskDev = [...ct.emulator.state.accounts.values()].find(
          a => a.name === 'credit-risk-dev',
        )!;
        expect(dev!.enrolledAccountIds.has(creditRiskDev.id)).toBe(true);
        expect(layoutOf(ct.emulator).controls).toContain(
          'AWS-GR_S3_VERSIONING_ENABLED@Workloads/Workloads_PreProd',
        );
      } finally {
        await ct.emulator.close();
      }
    });

    it("follows an enrolment already running on the OU's baseline (a reset whose answer was lost) instead of failing", async () => {
      const ct = await startActionsEnv(
        { config: { asyncDelayMs: 1500 } },
        { maxAttempts: 1 },
      );
      try {
        const devOu = [...ct.emulator.state.ous.values()].find(
          o => o.name === 'Workloads_Dev',
        )!;
        // An account moved in waits to be enrolled, and a reset is running.
        ct.emulator.state.accounts.get('210000000013')!.parentId = devOu.id;
        const controlTower = await ct.deps.clients.controlTower();
        await controlTower.resetEnabledBaseline(
          registrationOf(ct.emulator, 'Workloads/Workloads_Dev')!.arn,
        );
        const { ctx } = createTestActionContext({});
        await ensureAccountsEnrolled(
          controlTower,
          { arn: devOu.arn, path: 'Workloads/Workloads_Dev' },
          stepOf(ctx, { pollIntervalMs: 100, timeoutMs: 60_000 }),
        );
        const registration = registrationOf(
          ct.emulator,
          'Workloads/Workloads_Dev',
        )!;
        expect(registration.status).toBe('SUCCEEDED');
        expect(registration.enrolledAccountIds.has('210000000013')).toBe(true);
        expect(ct.mutatingCalls()['controltower:ResetEnabledBaseline']).toBe(2);
      } finally {
        await ct.emulator.close();
      }
    });

    it('follows the running enrolment when the retries end on ConcurrentModificationException rather than ConflictException', async () => {
      const ct = await startActionsEnv(
        { config: { asyncDelayMs: 1500 } },
        { maxAttempts: 1 },
      );
      try {
        const devOu = [...ct.emulator.state.ous.values()].find(
          o => o.name === 'Workloads_Dev',
        )!;
        ct.emulator.state.accounts.get('210000000013')!.parentId = devOu.id;
        const controlTower = await ct.deps.clients.controlTower();
        await controlTower.resetEnabledBaseline(
          registrationOf(ct.emulator, 'Workloads/Workloads_Dev')!.arn,
        );
        // Every further reset is answered as a concurrent modification.
        const configured = await fetch(`${ct.emulator.url}/_emulator/config`, {
          method: 'PUT',
          body: JSON.stringify({
            faults: {
              rate: 1,
              errors: ['ConcurrentModificationException'],
              operations: ['controltower:ResetEnabledBaseline'],
            },
          }),
        });
        expect(configured.status).toBe(200);
        const { ctx } = createTestActionContext({});
        await ensureAccountsEnrolled(
          controlTower,
          { arn: devOu.arn, path: 'Workloads/Workloads_Dev' },
          stepOf(ctx, { pollIntervalMs: 100, timeoutMs: 60_000 }),
        );
        const registration = registrationOf(
          ct.emulator,
          'Workloads/Workloads_Dev',
        )!;
        expect(registration.status).toBe('SUCCEEDED');
        expect(registration.enrolledAccountIds.has('210000000013')).toBe(true);
      } finally {
        await ct.emulator.close();
      }
    });

    it('creates and registers the OUs of an organization that has none yet', async () => {
      const empty = await startActionsEnv({ seed: withoutGuideOus() });
      try {
        await createProvisionProjectAction(empty.deps).handler(
          createTestActionContext({
            ...mlops,
            pattern: 'sandbox' as const,
            spendingLimitUsd: 100,
            alertEmail: 'risk@example.com',
          }).ctx,
        );
        expect(layoutOf(empty.emulator).accounts).toContain(
          'credit-risk-sandbox@Sandbox',
        );
        expect(registrationOf(empty.emulator, 'Sandbox')?.status).toBe(
          'SUCCEEDED',
        );
      } finally {
        await empty.emulator.close();
      }
    });

    it.each(['sandbox', 'dev', 'mlops'] as const)(
      "provisions the %s pattern on an organization where the guide's OUs do not exist yet",
      async pattern => {
        const fresh = await startActionsEnv({ seed: withoutGuideOus() });
        try {
          const inputs = inputsFor(pattern);
          const { ctx, outputs } = createTestActionContext(inputs);
          await createProvisionProjectAction(fresh.deps).handler(ctx);
          for (const account of outputs.layout.accounts) {
            expect(layoutOf(fresh.emulator).accounts).toContain(
              `${account.name}@${account.ouPath}`,
            );
            // Every OU on the way is registered before its controls.
            const names = account.ouPath.split('/');
            for (let depth = 1; depth <= names.length; depth++) {
              expect(
                registrationOf(fresh.emulator, names.slice(0, depth).join('/'))
                  ?.status,
              ).toBe('SUCCEEDED');
            }
          }
          expect(outputs.layout.products).toHaveLength(
            { sandbox: 1, dev: 1, mlops: 6 }[pattern],
          );
        } finally {
          await fresh.emulator.close();
        }
      },
    );

    it('refuses, with zero mutating calls, an organization without a landing zone', async () => {
      const seed = demoSeed();
      seed.controlTower = { landingZone: false };
      const bare = await startActionsEnv({ seed });
      try {
        await expect(
          createProvisionProjectAction(bare.deps).handler(
            createTestActionContext(mlops).ctx,
          ),
        ).rejects.toThrow(
          /Nothing was changed, because:\n- AWS Control Tower has no landing zone in this Region/,
        );
        expect(bare.mutatingCalls()).toEqual({});
      } finally {
        await bare.emulator.close();
      }
    });
  });
});
