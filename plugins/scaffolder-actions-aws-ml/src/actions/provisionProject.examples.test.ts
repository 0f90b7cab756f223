import { createProvisionProjectAction } from './provisionProject';
import { examples } from './provisionProject.examples';
import { runExample } from './__testUtils__/examples';

describe('aws:ml:provisionProject examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) =>
    runExample(
      example,
      createProvisionProjectAction,
      ({ input, outputs, env }) => {
        expect(outputs.layout.accounts.length).toBeGreaterThan(0);
        for (const account of outputs.layout.accounts) {
          const record = env.emulator.state.accounts.get(account.accountId);
          expect(record?.tags['ml-project']).toBe(input.project);
          expect(record?.parentId).toBe(account.ouId);
        }
      },
    ),
  );
});
