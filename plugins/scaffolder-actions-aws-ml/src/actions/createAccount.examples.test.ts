import yaml from 'yaml';
import { createCreateAccountAction } from './createAccount';
import { examples } from './createAccount.examples';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:organizations:createAccount examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const env = await startActionsEnv();
      try {
        const step = yaml.parse(example).steps[0];
        const action = createCreateAccountAction(env.deps);
        expect(step.action).toBe(action.id);
        const { ctx, outputs } = createTestActionContext(step.input);
        await action.handler(ctx);
        expect(env.emulator.state.accounts.get(outputs.accountId)?.email).toBe(
          step.input.email,
        );
      } finally {
        await env.emulator.close();
      }
    },
  );
});
