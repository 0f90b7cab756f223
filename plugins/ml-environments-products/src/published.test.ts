import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRODUCTS } from './catalog.ts';
import { productTemplatesDir, publishedProducts } from './published.ts';

describe('publishedProducts', () => {
  it('reads every product, its version, hash and template from templates/', () => {
    const published = publishedProducts();
    expect(published.map(p => [p.id, p.version])).toEqual(
      PRODUCTS.map(p => [p.id, p.version]),
    );
    for (const p of published) {
      expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(p.template.Resources).toBeDefined();
      expect(p.resourceTypes.length).toBeGreaterThan(0);
    }
  });

  it('refuses a template that no longer matches the manifest hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-products-published-'));
    try {
      cpSync(productTemplatesDir(), dir, { recursive: true });
      writeFileSync(
        join(dir, 'ml-model-registry.template.json'),
        '{"Resources":{}}\n',
      );
      expect(() => publishedProducts(dir)).toThrow(
        /ml-model-registry.template.json does not match manifest.json/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
