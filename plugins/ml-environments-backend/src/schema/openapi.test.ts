import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ACCOUNT_ID_PATTERN,
  PROJECT_NAME_PATTERN,
} from '@mlgov/plugin-ml-environments-common';
import { createRouter } from '../service/router';
import { spec } from './openapi/generated';

describe('openapi.yaml', () => {
  it('is what the generated router, models and client were made from', () => {
    // Throws, with the stale files named, when someone edited the spec
    // without running `node scripts/openapi.mjs`.
    expect(() =>
      execFileSync(
        process.execPath,
        [resolve(__dirname, '../../../../scripts/openapi.mjs'), '--check'],
        { stdio: 'pipe' },
      ),
    ).not.toThrow();
  });

  it('documents exactly the routes the router serves', async () => {
    const documented = Object.entries(spec.paths)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map(
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
      .filter((route: string) => route !== 'GET /openapi.json')
      .sort();
    expect(served).toEqual(documented);
  });

  it("is what docs/security.md's route table lists, route for route", () => {
    const documented = Object.entries(spec.paths)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map(m => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    const security = readFileSync(
      resolve(__dirname, '../../../../docs/security.md'),
      'utf8',
    );
    const table = security.slice(security.indexOf('## Every route'));
    const listed = [...table.matchAll(/^\| `((?:GET|POST) [^`]+)` +\|/gm)]
      .map(m => m[1])
      .sort();
    expect(listed).toEqual(documented);
  });

  it("states the suite's shared input rules, not copies that could drift", () => {
    expect(spec.components.schemas.AccountId.pattern).toBe(ACCOUNT_ID_PATTERN);
    expect(spec.components.parameters.project.schema.pattern).toBe(
      PROJECT_NAME_PATTERN,
    );
  });
});
