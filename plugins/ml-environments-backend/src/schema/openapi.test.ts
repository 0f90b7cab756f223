import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'yaml';
import { createRouter } from '../service/router';

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const spec = yaml.parse(
      readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'),
    );
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map(
          method =>
            `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
      )
      .sort();
    const router: any = await createRouter({} as any);
    const served = router.stack
      .filter((layer: any) => layer.route)
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          method => `${method.toUpperCase()} ${layer.route.path}`,
        ),
      )
      .sort();
    expect(documented).toEqual(served);
  });
});
