import type { RunningEmulator } from '@mlgov/aws-emulator';
import { createProvisionProjectAction } from './provisionProject';
import { demoSeed, startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';
import { mlops } from './__testUtils__/provisionProject';

/** The OU's AWSControlTowerBaseline, by the OU's name. */
function registrationOf(emulator: RunningEmulator, name: string) {
  const ou = [...emulator.state.ous.values()].find(o => o.name === name)!;
  return [...emulator.state.enabledBaselines.values()].find(
    b =>
      b.targetIdentifier === ou.arn &&
      b.baselineIdentifier.endsWith('/17BSJV3IGJ2QSGA2'),
  )!;
}

async function autoEnrollingEnv() {
  const seed = demoSeed();
  seed.controlTower = { autoEnrollment: true };
  return startActionsEnv({ seed });
}

describe('aws:ml:provisionProject on a landing zone that auto-enrols', () => {
  it("leaves enrolment to Control Tower: no OU's baseline is reset, and every account ends enrolled", async () => {
    const env = await autoEnrollingEnv();
    try {
      const { ctx, outputs } = createTestActionContext(mlops);
      await createProvisionProjectAction(env.deps).handler(ctx);
      expect(env.mutatingCalls()['controltower:ResetEnabledBaseline']).toBe(
        undefined,
      );
      const accounts = outputs.layout.accounts as Array<{
        accountId: string;
        ouPath: string;
      }>;
      expect(accounts).toHaveLength(4);
      for (const { accountId, ouPath } of accounts) {
        const registration = registrationOf(
          env.emulator,
          ouPath.split('/').pop()!,
        );
        expect(registration.enrolledAccountIds.has(accountId)).toBe(true);
      }
      expect(env.emulator.state.autoEnrolments.size).toBe(0);
    } finally {
      await env.emulator.close();
    }
  });

  it('resets the baseline of an OU whose drift auto-enrolment did not clear (an account moved in before it was on)', async () => {
    const env = await autoEnrollingEnv();
    try {
      const dev = [...env.emulator.state.ous.values()].find(
        o => o.name === 'Workloads_Dev',
      )!;
      // Moved behind Control Tower's back: in the OU, not enrolled.
      env.emulator.state.accounts.get('210000000013')!.parentId = dev.id;
      await createProvisionProjectAction(env.deps).handler(
        createTestActionContext(mlops).ctx,
      );
      expect(env.mutatingCalls()['controltower:ResetEnabledBaseline']).toBe(1);
      expect(
        registrationOf(env.emulator, 'Workloads_Dev').enrolledAccountIds.has(
          '210000000013',
        ),
      ).toBe(true);
    } finally {
      await env.emulator.close();
    }
  });
});
