import {
  ensureDataLakeAdmin,
  grantProjectDataAccess,
  readProjectDataAccess,
  revokeProjectDataAccess,
} from '@mlgov/plugin-ml-environments-node';
import { createProvisionProjectAction } from './provisionProject';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';
import { inputsFor } from './__testUtils__/provisionProject';

const DATA_LAKE = '100000000011';

// The dev template end to end as far as data goes: provisioning makes the
// suite the dev account's data lake administrator, and the template's
// grant of its datasets (applied by the backend with the same -node calls)
// reaches the account's Studio role through a resource link.
describe('aws:ml:provisionProject, then its datasets granted', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  it('leaves the dev account with a link to sales that its Studio role may SELECT through, until revoked', async () => {
    const inputs = inputsFor('dev');
    expect(inputs).toMatchObject({ datasets: ['sales'] });
    const { ctx, outputs } = createTestActionContext(inputs);
    await createProvisionProjectAction(env.deps).handler(ctx);
    const dev = outputs.layout.accounts.find((a: any) => a.stage === 'dev');
    const studio = outputs.layout.products.find(
      (p: any) => p.product === 'ml-studio-domain',
    );
    const member = await env.deps.clients.forAccount(dev.accountId);
    // Already an administrator: provisioning made it one.
    expect(
      await ensureDataLakeAdmin(member.lakeFormation, member.roleArn),
    ).toBe(false);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/is now a data lake administrator of dev account/),
    );

    const access = {
      catalogId: DATA_LAKE,
      database: 'sales',
      accountId: dev.accountId,
    };
    const applied = await grantProjectDataAccess(env.deps.clients, access);
    expect(applied.link).toBe('sales_link');
    expect(applied.roles).toContain(studio.outputs.ExecutionRoleArn);
    expect(await readProjectDataAccess(env.deps.clients, access)).toEqual({
      link: 'sales_link',
      linkOk: true,
      rolesGranted: applied.roles,
      rolesMissing: [],
    });

    await revokeProjectDataAccess(env.deps.clients, access);
    expect(await readProjectDataAccess(env.deps.clients, access)).toEqual({
      link: 'sales_link',
      linkOk: false,
      rolesGranted: [],
      rolesMissing: applied.roles,
    });
  });

  it('makes the suite an administrator once: a second run changes no data lake settings', async () => {
    const action = createProvisionProjectAction(env.deps);
    await action.handler(createTestActionContext(inputsFor('dev')).ctx);
    const settings = () =>
      env.mutatingCalls()['lakeformation:PutDataLakeSettings'] ?? 0;
    expect(settings()).toBe(1);
    await action.handler(createTestActionContext(inputsFor('dev')).ctx);
    expect(settings()).toBe(1);
  });
});
