import { createRequestGuardrailExceptionAction } from './requestGuardrailException';
import { examples } from './requestGuardrailException.examples';
import { runExample } from './__testUtils__/examples';
import { churnAuthority } from './__testUtils__/authority';

describe('aws:ml:requestGuardrailException examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) => {
    const authority = churnAuthority();
    return runExample(
      example,
      createRequestGuardrailExceptionAction,
      async ({ input, env, outputs }) => {
        expect(outputs).toMatchObject({
          state: 'pending',
          accountId: '200000000011',
        });
        expect(authority.exceptions[0]).toMatchObject({
          guardrailId: input.guardrailId,
          endsAt: '2027-01-15T00:00:00.000Z',
        });
        // Asking changes nothing in AWS.
        expect(env.mutatingCalls()).toEqual({});
      },
      authority,
    );
  });
});
