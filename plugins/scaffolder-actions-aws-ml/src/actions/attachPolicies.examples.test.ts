import { createAttachPoliciesAction } from './attachPolicies';
import { examples } from './attachPolicies.examples';
import { runExample } from './__testUtils__/examples';

describe('aws:organizations:attachPolicies examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) =>
    runExample(example, createAttachPoliciesAction, ({ outputs }) => {
      const ids = Object.values(outputs.policyIds as Record<string, string>);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.every(id => /^p-/.test(id))).toBe(true);
    }),
  );
});
