import yaml from 'yaml';
import { createProvisionProjectAction } from './provisionProject';
import { examples } from './provisionProject.examples';
import { startActionsEnv } from './__testUtils__/emulator';
import { createTestActionContext } from './__testUtils__/testing';

describe('aws:ml:provisionProject examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_, example) => {
      const env = await startActionsEnv();
      try {
        const step = yaml.parse(example).steps[0];
        const action = createProvisionProjectAction(env.deps);
        expect(step.action).toBe(action.id);
        const { ctx, outputs } = createTestActionContext(step.input);
        await action.handler(ctx);
        for (const account of outputs.layout.accounts) {
          const record = env.emulator.state.accounts.get(account.accountId);
          expect(record?.tags['ml-project']).toBe(step.input.project);
          expect(record?.parentId).toBe(account.ouId);
        }
      } finally {
        await env.emulator.close();
      }
    },
  );
});
