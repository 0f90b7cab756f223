// The suite as an adopter receives it: each plugin built and packed with
// `npm pack` (its prepack/postpack make package.json point at dist/), the
// tarballs checked for what they hold, then installed with npm, from the
// tarballs alone, into a project outside the workspace, where the backend
// packages load in plain Node and their default export is a Backstage
// feature, and the frontend's exports point at files inside it.
// Needs `npm run tsc` first (the type declarations come from dist-types).
// Prints `N passed, N failed`.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const PLUGINS = [
  'ml-environments-common',
  'ml-environments-node',
  'ml-environments-backend',
  'scaffolder-actions-aws-ml',
  'ml-environments',
];
const BACKEND_FEATURES = [
  '@mlgov/plugin-ml-environments-backend',
  '@mlgov/plugin-scaffolder-backend-module-aws-ml',
];
const results = [];
function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });

const packs = mkdtempSync(join(tmpdir(), 'ml-packs-'));
const tarballs = [];
try {
  for (const plugin of PLUGINS) {
    const dir = join(root, 'plugins', plugin);
    run('backstage-cli', ['package', 'build'], dir);
    const before = readdirSync(packs);
    const manifestBefore = readFileSync(join(dir, 'package.json'), 'utf8');
    run('npm', ['pack', '--pack-destination', packs], dir);
    const tarball = readdirSync(packs).find(f => !before.includes(f));
    tarballs.push(join(packs, tarball));
    // postpack puts the workspace's package.json back.
    check(
      `${plugin}: npm pack leaves the workspace's package.json as it was`,
      !existsSync(join(dir, 'package.json-prepack')) &&
        readFileSync(join(dir, 'package.json'), 'utf8') === manifestBefore,
    );
    const files = run('tar', ['tzf', join(packs, tarball)], packs)
      .split('\n')
      .filter(Boolean);
    const stray = files.filter(f =>
      /(\.test\.|__testUtils__|\.bench\.|fixtures|aws-emulator|\/src\/)/.test(
        f,
      ),
    );
    check(
      `${plugin}: the tarball holds built output only (no tests, fixtures, emulator or sources)`,
      stray.length === 0 && files.some(f => f.startsWith('package/dist/')),
      stray.slice(0, 5).join(', '),
    );
    const manifest = JSON.parse(
      run('tar', ['xzf', join(packs, tarball), '-O', 'package/package.json']),
    );
    const pointers = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.exports ?? {}).flatMap(e =>
        typeof e === 'string' ? [e] : Object.values(e),
      ),
    ]
      .filter(p => typeof p === 'string' && !p.startsWith('@'))
      .map(p => p.replace(/^\.\//, ''));
    const missing = pointers.filter(p => !files.includes(`package/${p}`));
    check(
      `${plugin}: main, types and exports point at files inside the tarball`,
      pointers.length > 0 && missing.length === 0,
      missing.join(', '),
    );
  }

  // An outside project: npm, the registry for Backstage's own packages, and
  // the suite from its tarballs only.
  const adopter = mkdtempSync(join(tmpdir(), 'ml-adopter-'));
  writeFileSync(
    join(adopter, 'package.json'),
    JSON.stringify({ name: 'adopter', version: '0.0.0', private: true }),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--legacy-peer-deps',
      '--loglevel=error',
      ...tarballs,
    ],
    adopter,
  );
  for (const name of BACKEND_FEATURES) {
    let type;
    try {
      type = run(
        process.execPath,
        [
          '-e',
          `process.stdout.write(String(require('${name}').default.$$type))`,
        ],
        adopter,
      );
    } catch (error) {
      type = String(error.stderr ?? error).slice(0, 300);
    }
    check(
      `${name} loads in plain Node from its tarball; its default export is a Backstage feature`,
      type === '@backstage/BackendFeature',
      type,
    );
  }
  const frontend = join(adopter, 'node_modules/@mlgov/plugin-ml-environments');
  check(
    "the frontend's /alpha export (the new frontend system's plugin) is in its tarball",
    existsSync(join(frontend, 'dist/alpha.esm.js')) &&
      existsSync(join(frontend, 'dist/alpha.d.ts')),
  );
} catch (error) {
  check('packing and installing the suite', false, String(error).slice(0, 500));
}
const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(results.every(Boolean) ? 0 : 1);
