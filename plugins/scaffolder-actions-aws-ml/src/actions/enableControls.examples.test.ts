import yaml from 'yaml';
import { createEnableControlsAction } from './enableControls';
import { examples } from './enableControls.examples';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:controltower:enableControls examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const env = await startActionsEnv();
      try {
        const step = yaml.parse(example).steps[0];
        const action = createEnableControlsAction(env.deps);
        expect(step.action).toBe(action.id);
        const { ctx, outputs } = createTestActionContext(step.input);
        await action.handler(ctx);
        // The demo seed already has both on Workloads_Prod.
        expect(outputs.enabled).toEqual([]);
        expect(env.mutatingCalls()).toEqual({});
      } finally {
        await env.emulator.close();
      }
    },
  );
});
