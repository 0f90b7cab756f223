import { createEnableControlsAction } from './enableControls';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:controltower:enableControls', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  it('enables the missing controls, waits for them and skips enabled ones', async () => {
    const action = createEnableControlsAction(env.deps);
    const input = {
      ouPath: 'Sandbox',
      controls: [
        'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
        'AWS-GR_S3_VERSIONING_ENABLED',
      ],
    };
    const first = createTestActionContext(input);
    await action.handler(first.ctx);
    expect(first.outputs.enabled).toEqual(input.controls);
    expect(env.mutatingCalls()).toEqual({ 'controltower:EnableControl': 2 });
    const sandbox = [...env.emulator.state.ous.values()].find(
      o => o.name === 'Sandbox',
    )!;
    expect(
      [...env.emulator.state.enabledControls.values()]
        .filter(c => c.targetIdentifier === sandbox.arn)
        .map(c => c.status),
    ).toEqual(['SUCCEEDED', 'SUCCEEDED']);

    const second = createTestActionContext(input);
    await action.handler(second.ctx);
    expect(second.outputs.enabled).toEqual([]);
    expect(env.mutatingCalls()).toEqual({ 'controltower:EnableControl': 2 });
  });

  it('waits for slow operations with progress in the log', async () => {
    const slow = await startActionsEnv({ config: { asyncDelayMs: 100 } });
    try {
      const { ctx, logged } = createTestActionContext({
        ouPath: 'Sandbox',
        controls: ['AWS-GR_S3_VERSIONING_ENABLED'],
      });
      await createEnableControlsAction(slow.deps).handler(ctx);
      expect(logged()).toContain(
        'Waiting for control AWS-GR_S3_VERSIONING_ENABLED on Sandbox: IN_PROGRESS',
      );
      expect(logged()).toContain(
        'Enabled control AWS-GR_S3_VERSIONING_ENABLED on Sandbox',
      );
    } finally {
      await slow.emulator.close();
    }
  });

  it.each([
    [
      { ouPath: 'Sandbox', controls: ['AWS-GR_NOPE'] },
      /Unknown control AWS-GR_NOPE; the library has AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED/,
    ],
    [
      { ouPath: 'Sandbox', controls: ['require-vpc'] },
      /Unknown control require-vpc/,
    ],
    [
      { ouPath: 'Nowhere', controls: ['AWS-GR_S3_VERSIONING_ENABLED'] },
      /OU Nowhere does not exist/,
    ],
  ])('refuses %j with zero mutating calls', async (input, message) => {
    await expect(
      createEnableControlsAction(env.deps).handler(
        createTestActionContext(input).ctx,
      ),
    ).rejects.toThrow(message);
    expect(env.mutatingCalls()).toEqual({});
  });

  it('changes nothing in a dry run', async () => {
    const { ctx, logged } = createTestActionContext(
      { ouPath: 'Sandbox', controls: ['AWS-GR_S3_VERSIONING_ENABLED'] },
      { isDryRun: true },
    );
    await createEnableControlsAction(env.deps).handler(ctx);
    expect(env.mutatingCalls()).toEqual({});
    expect(logged()).toContain(
      'Dry run: would enable control AWS-GR_S3_VERSIONING_ENABLED on Sandbox',
    );
  });
});
