import { createHash } from 'node:crypto';
import {
  PublishedProduct,
  publishedProducts,
} from '@mlgov/ml-environments-products';
import { createPublishProductsAction } from './publishProducts';
import {
  demoSeedBeforePublishing,
  startActionsEnv,
} from './__testUtils__/emulator';
import { testAuthority } from './__testUtils__/authority';
import { createTestActionContext } from './__testUtils__/testing';

/** A fault drill: AWS carries out the create, and its answer is lost. */
describe('aws:servicecatalog:publishProducts when an answer is lost', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;
  afterEach(() => env?.emulator.close());

  const registry = publishedProducts().find(p => p.id === 'ml-model-registry')!;
  const body = registry.templateBody.replace('{', '{"Metadata": {},');
  const registryV2: PublishedProduct = {
    ...registry,
    version: '1.1.0',
    templateBody: body,
    template: JSON.parse(body),
    sha256: createHash('sha256').update(body).digest('hex'),
  };

  /** The emulator with lost answers to `operation`, and no retry by the SDK. */
  const start = async (operation: string) => {
    env = await startActionsEnv(
      {
        seed: demoSeedBeforePublishing(),
        config: {
          faults: { lostAnswerRate: 1, operations: [operation], seed: 5 },
        },
      },
      { maxAttempts: 1 },
      testAuthority({
        checkProduct: async () => ({ allowed: true, findings: [] }),
      }),
    );
  };
  const publish = (product: PublishedProduct) =>
    createPublishProductsAction(env.deps, { products: () => [product] });
  const answersAgain = () => {
    env.emulator.config.faults.lostAnswerRate = 0;
  };
  /** Every product of the name in AWS, with its versions and their guidance. */
  const inAws = (name: string) =>
    [...env.emulator.state.products.values()]
      .filter(p => p.name === name)
      .map(p => Object.fromEntries(p.artifacts.map(a => [a.name, a.guidance])));

  it('a lost answer to CreateProduct: the next run adopts the product, never a second', async () => {
    await start('servicecatalog:CreateProduct');
    await expect(
      publish(registry).handler(createTestActionContext({}).ctx),
    ).rejects.toThrow();
    // AWS made it; the run never heard.
    expect(inAws(registry.name)).toEqual([{ '1.0.0': 'DEFAULT' }]);

    answersAgain();
    const next = createTestActionContext({});
    await publish(registry).handler(next.ctx);
    expect(inAws(registry.name)).toEqual([{ '1.0.0': 'DEFAULT' }]);
    expect(env.mutatingCalls()['servicecatalog:CreateProduct']).toBe(1);
    // In the portfolio and recorded as current, as a calm run leaves it.
    expect(next.outputs.published).toEqual([
      expect.objectContaining({ id: 'ml-model-registry', version: '1.0.0' }),
    ]);
    const again = createTestActionContext({});
    await publish(registry).handler(again.ctx);
    expect((again.outputs.published as any[])[0].action).toBe('current');
  });

  it('a lost answer to CreateProvisioningArtifact: the next run adopts the version, never a second', async () => {
    await start('servicecatalog:CreateProvisioningArtifact');
    await publish(registry).handler(createTestActionContext({}).ctx);
    await expect(
      publish(registryV2).handler(createTestActionContext({}).ctx),
    ).rejects.toThrow();
    expect(inAws(registry.name)).toHaveLength(1);
    expect(Object.keys(inAws(registry.name)[0])).toEqual(['1.0.0', '1.1.0']);

    answersAgain();
    await publish(registryV2).handler(createTestActionContext({}).ctx);
    expect(inAws(registry.name)).toEqual([
      { '1.0.0': 'DEPRECATED', '1.1.0': 'DEFAULT' },
    ]);
    expect(
      env.mutatingCalls()['servicecatalog:CreateProvisioningArtifact'],
    ).toBe(1);
  });
});
