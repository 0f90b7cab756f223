import { createCreateBudgetAction } from './createBudget';
import { examples } from './createBudget.examples';
import { runExample } from './__testUtils__/examples';

describe('aws:budgets:createBudget examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) =>
    runExample(example, createCreateBudgetAction, ({ input, env }) => {
      expect(
        env.emulator.state.budgets.has(`${input.accountId}/${input.name}`),
      ).toBe(true);
    }),
  );
});
