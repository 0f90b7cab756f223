import yaml from 'yaml';
import { createRegisterOrganizationalUnitAction } from './registerOrganizationalUnit';
import { examples } from './registerOrganizationalUnit.examples';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:controltower:registerOrganizationalUnit examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const env = await startActionsEnv();
      try {
        const step = yaml.parse(example).steps[0];
        // The step before it in a real template makes the OU.
        await env.createOu('Workloads', 'Workloads_Test');
        const action = createRegisterOrganizationalUnitAction(env.deps);
        expect(step.action).toBe(action.id);
        const { ctx, outputs } = createTestActionContext(step.input);
        await action.handler(ctx);
        const registered = [
          ...env.emulator.state.enabledBaselines.values(),
        ].find(b => b.targetIdentifier === outputs.ouArn);
        expect(registered?.status).toBe('SUCCEEDED');
      } finally {
        await env.emulator.close();
      }
    },
  );
});
