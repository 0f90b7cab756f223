import { createProvisionProductAction } from './provisionProduct';
import { examples } from './provisionProduct.examples';
import { runExample } from './__testUtils__/examples';

describe('aws:servicecatalog:provisionProduct examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) =>
    runExample(example, createProvisionProductAction, ({ outputs }) => {
      expect(outputs.outputs.DomainId).toMatch(/^d-/);
    }),
  );
});
