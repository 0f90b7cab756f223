import { createProvisionProjectAction } from './provisionProject';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';
import { inputsFor } from './__testUtils__/provisionProject';

// Organizations serves List* calls at 5 a second and DescribePolicy at 2
// (the Control Tower guide's figures), so what a run's accounts, targets and
// launches share is read once for all of them.
describe('aws:ml:provisionProject reads what its parts share once', () => {
  it('an MLOps run: one root, one creation history, one SCP list, each SCP document once', async () => {
    const env = await startActionsEnv();
    try {
      const before = env.emulator.callCounts();
      await createProvisionProjectAction(env.deps).handler(
        createTestActionContext(inputsFor('mlops')).ctx,
      );
      const calls = (op: string) =>
        (env.emulator.callCounts()[`organizations:${op}`] ?? 0) -
        (before[`organizations:${op}`] ?? 0);
      expect(calls('CreateAccount')).toBe(4);
      expect(calls('ListRoots')).toBe(1);
      expect(calls('ListCreateAccountStatus')).toBe(1);
      expect(calls('ListPolicies')).toBe(1);
      // The guardrails and six launches' checks read each SCP at most once.
      const scps = [...env.emulator.state.policies.values()].filter(
        p => p.type === 'SERVICE_CONTROL_POLICY',
      ).length;
      expect(calls('DescribePolicy')).toBeGreaterThan(0);
      expect(calls('DescribePolicy')).toBeLessThanOrEqual(scps);
    } finally {
      await env.emulator.close();
    }
  });
});
