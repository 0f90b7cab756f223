import { createCreateAccountAction } from './createAccount';
import { examples } from './createAccount.examples';
import { runExample } from './__testUtils__/examples';

describe('aws:organizations:createAccount examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) =>
    runExample(
      example,
      createCreateAccountAction,
      ({ input, outputs, env }) => {
        expect(env.emulator.state.accounts.get(outputs.accountId)?.email).toBe(
          input.email,
        );
      },
    ),
  );
});
