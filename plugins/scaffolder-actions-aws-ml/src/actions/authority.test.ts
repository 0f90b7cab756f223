import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createAttachPoliciesAction } from './attachPolicies';
import { createEnableControlsAction } from './enableControls';
import { createRegisterOrganizationalUnitAction } from './registerOrganizationalUnit';
import { testAuthority } from './__testUtils__/authority';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

// Changes to an OU reach every account below it, other teams' included: the
// single-step actions make them only for a user the permission framework
// lets change the organization, and refuse anyone else before any change.
describe('changes to OUs, by a user who may not change the organization', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv(
      {},
      {},
      testAuthority({ organizationChange: AuthorizeResult.DENY }),
    );
  });
  afterEach(() => env.emulator.close());

  it.each([
    [
      'aws:organizations:attachPolicies',
      () => createAttachPoliciesAction(env.deps),
      { ouPath: 'Workloads/Workloads_PreProd', guardrails: ['require-vpc'] },
      /Attaching SCPs to OU Workloads\/Workloads_PreProd reaches every account below it/,
    ],
    [
      'aws:controltower:enableControls',
      () => createEnableControlsAction(env.deps),
      { ouPath: 'Sandbox', controls: ['AWS-GR_S3_VERSIONING_ENABLED'] },
      /Enabling controls on OU Sandbox reaches every account below it/,
    ],
    [
      'aws:controltower:registerOrganizationalUnit',
      () => createRegisterOrganizationalUnitAction(env.deps),
      { ouPath: 'Sandbox' },
      /Registering OU Sandbox with Control Tower reaches every account below it/,
    ],
  ])('%s refuses and changes nothing', async (_, action, input, message) => {
    for (const isDryRun of [false, true]) {
      const { ctx } = createTestActionContext(input, { isDryRun });
      await expect(action().handler(ctx as any)).rejects.toThrow(message);
    }
    expect(env.mutatingCalls()).toEqual({});
  });
});
