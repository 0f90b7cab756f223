import { createShareProductsAction } from './shareProducts';
import { examples } from './shareProducts.examples';
import { runExample } from './__testUtils__/examples';

describe('aws:servicecatalog:shareProducts examples', () => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) =>
    runExample(
      example,
      createShareProductsAction,
      ({ input, outputs, env }) => {
        const key = `${input.acceptIn[0]}/${outputs.portfolioId}`;
        expect(env.emulator.state.acceptedShares.has(key)).toBe(true);
      },
    ),
  );
});
