import { SharedChanges } from './provisionProject.sharedChanges';
import { startActionsEnv } from './__testUtils__/emulator';
import {
  createTestActionContext,
  testProvisioning,
} from './__testUtils__/testing';
import { stepOf } from './step';

describe('SharedChanges', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  it("counts an account the project did not make as outside it, even if tagged with the project's name", async () => {
    const sandbox = [...env.emulator.state.ous.values()].find(
      o => o.name === 'Sandbox',
    )!;
    const inSandbox = [...env.emulator.state.accounts.values()].filter(
      a => a.parentId === sandbox.id,
    );
    expect(inSandbox.length).toBeGreaterThan(0);
    // Someone who may tag accounts marks another team's as credit-risk's.
    for (const account of inSandbox) account.tags['ml-project'] = 'credit-risk';
    const target = { id: sandbox.id, label: 'OU Sandbox', root: false };
    const step = stepOf(createTestActionContext({}).ctx, testProvisioning());
    const org = await env.deps.clients.organizations();
    const deny = async () => false;

    const forged = new SharedChanges(org, 'credit-risk', new Set(), deny);
    expect(await forged.allow(target, 'attaches SCP x', step)).toBe(false);
    expect(forged.report()).toEqual([
      {
        target: 'OU Sandbox',
        change: 'attaches SCP x',
        alsoAppliesTo: ['accounts tagged credit-risk that are not its own'],
        made: false,
      },
    ]);

    // The same accounts as the run's own: nobody else is reached.
    const own = new SharedChanges(
      org,
      'credit-risk',
      new Set(inSandbox.map(a => a.id)),
      deny,
    );
    expect(await own.allow(target, 'attaches SCP x', step)).toBe(true);
    expect(own.report()[0].alsoAppliesTo).toEqual([]);
  });
});
