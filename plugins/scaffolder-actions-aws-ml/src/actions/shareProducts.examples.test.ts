import yaml from 'yaml';
import { createShareProductsAction } from './shareProducts';
import { examples } from './shareProducts.examples';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:servicecatalog:shareProducts examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const env = await startActionsEnv();
      try {
        const step = yaml.parse(example).steps[0];
        const action = createShareProductsAction(env.deps);
        expect(step.action).toBe(action.id);
        const { ctx, outputs } = createTestActionContext(step.input);
        await action.handler(ctx);
        expect(
          env.emulator.state.acceptedShares.has(
            `${step.input.acceptIn[0]}/${outputs.portfolioId}`,
          ),
        ).toBe(true);
      } finally {
        await env.emulator.close();
      }
    },
  );
});
