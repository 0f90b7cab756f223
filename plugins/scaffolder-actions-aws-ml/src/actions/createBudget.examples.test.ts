import yaml from 'yaml';
import { createCreateBudgetAction } from './createBudget';
import { examples } from './createBudget.examples';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:budgets:createBudget examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const env = await startActionsEnv();
      try {
        const step = yaml.parse(example).steps[0];
        const action = createCreateBudgetAction(env.deps);
        expect(step.action).toBe(action.id);
        await action.handler(createTestActionContext(step.input).ctx);
        expect(
          env.emulator.state.budgets.has(
            `${step.input.accountId}/${step.input.name}`,
          ),
        ).toBe(true);
      } finally {
        await env.emulator.close();
      }
    },
  );
});
