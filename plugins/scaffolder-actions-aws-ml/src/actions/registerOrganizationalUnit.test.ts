import { createRegisterOrganizationalUnitAction } from './registerOrganizationalUnit';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:controltower:registerOrganizationalUnit', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;
  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  const newOu = () => env.createOu('Workloads', 'Workloads_Test');

  it('registers once: a second run enables no baseline', async () => {
    await newOu();
    const action = createRegisterOrganizationalUnitAction(env.deps);
    await action.handler(
      createTestActionContext({ ouPath: 'Workloads/Workloads_Test' }).ctx,
    );
    const second = createTestActionContext({
      ouPath: 'Workloads/Workloads_Test',
    });
    await action.handler(second.ctx);
    expect(env.mutatingCalls()).toEqual({
      'organizations:CreateOrganizationalUnit': 1,
      'controltower:EnableBaseline': 1,
    });
    expect(second.logged()).toContain(
      'OU Workloads/Workloads_Test is registered with Control Tower',
    );
  });

  it('says what it would do in a dry run, and changes nothing', async () => {
    await newOu();
    const { ctx, logged } = createTestActionContext(
      { ouPath: 'Workloads/Workloads_Test' },
      { isDryRun: true },
    );
    await createRegisterOrganizationalUnitAction(env.deps).handler(ctx);
    expect(logged()).toContain(
      'Dry run: would register OU Workloads/Workloads_Test with Control Tower',
    );
    expect(env.mutatingCalls()).toEqual({
      'organizations:CreateOrganizationalUnit': 1,
    });
  });

  it('refuses an OU that does not exist, or a bad path, before any change', async () => {
    const action = createRegisterOrganizationalUnitAction(env.deps);
    await expect(
      action.handler(createTestActionContext({ ouPath: 'Nowhere' }).ctx),
    ).rejects.toThrow('OU Nowhere does not exist');
    await expect(
      action.handler(createTestActionContext({ ouPath: '../Workloads' }).ctx),
    ).rejects.toThrow("contains '..'");
    expect(env.mutatingCalls()).toEqual({});
  });
});
