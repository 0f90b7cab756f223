import yaml from 'yaml';
import { createProvisionProductAction } from './provisionProduct';
import { examples } from './provisionProduct.examples';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:servicecatalog:provisionProduct examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const env = await startActionsEnv();
      try {
        const step = yaml.parse(example).steps[0];
        const action = createProvisionProductAction(env.deps);
        expect(step.action).toBe(action.id);
        const { ctx, outputs } = createTestActionContext(step.input);
        await action.handler(ctx);
        expect(outputs.outputs.DomainId).toMatch(/^d-/);
      } finally {
        await env.emulator.close();
      }
    },
  );
});
