import yaml from 'yaml';
import { createAttachPoliciesAction } from './attachPolicies';
import { examples } from './attachPolicies.examples';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:organizations:attachPolicies examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const env = await startActionsEnv();
      try {
        const step = yaml.parse(example).steps[0];
        const action = createAttachPoliciesAction(env.deps);
        expect(step.action).toBe(action.id);
        const { ctx, outputs } = createTestActionContext(step.input);
        await action.handler(ctx);
        expect(
          Object.values(outputs.policyIds as Record<string, string>).every(id =>
            /^p-/.test(id),
          ),
        ).toBe(true);
      } finally {
        await env.emulator.close();
      }
    },
  );
});
