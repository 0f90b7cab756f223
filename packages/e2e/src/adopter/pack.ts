// The suite as an adopter receives it, shared by packMain.ts (e2e-pack.mjs)
// and main.ts (e2e-adopter.mjs): each plugin built and packed with
// `npm pack` (its prepack/postpack make package.json point at dist/), the
// tarballs checked for what they hold; and, once installed somewhere, the
// backend packages loaded in plain Node. Needs `npm run tsc` first (the type
// declarations come from dist-types).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Check } from '../lib/report.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');

/** Package name → path of its tarball. */
export type Tarballs = Record<string, string>;

/**
 * The published packages: folder under plugins/ → package name, for every
 * plugin that packs (not private, with a prepack script).
 */
export const PLUGINS: Record<string, string> = Object.fromEntries(
  readdirSync(join(ROOT, 'plugins'))
    .filter(folder => existsSync(join(ROOT, 'plugins', folder, 'package.json')))
    .map(
      folder =>
        [
          folder,
          JSON.parse(
            readFileSync(join(ROOT, 'plugins', folder, 'package.json'), 'utf8'),
          ),
        ] as const,
    )
    .filter(([, manifest]) => !manifest.private && manifest.scripts?.prepack)
    .map(([folder, manifest]) => [folder, manifest.name]),
);

export const BACKEND_FEATURES = [
  '@mlgov/plugin-ml-environments-backend',
  '@mlgov/plugin-scaffolder-backend-module-aws-ml',
];

/** A command's stdout; throws (with its stderr) when it fails. */
export const run = (
  cmd: string,
  args: string[],
  cwd?: string,
  env?: Record<string, string>,
): string =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
    env: env ? { ...process.env, ...env } : process.env,
    maxBuffer: 64 * 1024 * 1024,
  });

/** Tarballs an earlier run packed into `dir`. */
export function packedIn(dir: string): Tarballs {
  return Object.fromEntries(
    readdirSync(dir)
      .filter(file => file.endsWith('.tgz'))
      .map(file => [
        JSON.parse(
          run('tar', ['xzf', join(dir, file), '-O', 'package/package.json']),
        ).name,
        join(dir, file),
      ]),
  );
}

/** `run`, without blocking: resolves with stdout, rejects with stderr. */
export const runAsync = (
  cmd: string,
  args: string[],
  cwd: string,
): Promise<string> =>
  promisify(execFile)(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024 }).then(
    r => r.stdout,
  );

/** Checks one packed plugin's tarball: its manifest and what it holds. */
function checkTarball(plugin: string, tarball: string, check: Check): void {
  const files = run('tar', ['tzf', tarball]).split('\n').filter(Boolean);
  const stray = files.filter(f =>
    /(\.test\.|__testUtils__|\.bench\.|fixtures|aws-emulator|\/src\/)/.test(f),
  );
  check(
    `${plugin}: the tarball holds built output only (no tests, fixtures, emulator or sources)`,
    stray.length === 0 && files.some(f => f.startsWith('package/dist/')),
    stray.slice(0, 5).join(', '),
  );
  const manifest = JSON.parse(
    run('tar', ['xzf', tarball, '-O', 'package/package.json']),
  );
  const exported = Object.values(manifest.exports ?? {}) as Array<
    string | Record<string, unknown>
  >;
  const pointers = [
    manifest.main,
    manifest.types,
    ...exported.flatMap(e => (typeof e === 'string' ? [e] : Object.values(e))),
  ]
    .filter((p): p is string => typeof p === 'string' && !p.startsWith('@'))
    .map(p => p.replace(/^\.\//, ''));
  const missing = pointers.filter(p => !files.includes(`package/${p}`));
  check(
    `${plugin}: main, types and exports point at files inside the tarball`,
    pointers.length > 0 && missing.length === 0,
    missing.join(', '),
  );
}

/**
 * Builds (two at a time, the machine's two cores) and packs every plugin
 * into `packs`, checking each tarball.
 */
export async function packPlugins(
  packs: string,
  check: Check,
): Promise<Tarballs> {
  const queue = Object.keys(PLUGINS);
  const build = async () => {
    for (let plugin = queue.shift(); plugin; plugin = queue.shift()) {
      await runAsync(
        'backstage-cli',
        ['package', 'build'],
        join(ROOT, 'plugins', plugin),
      );
    }
  };
  await Promise.all([build(), build()]);
  const tarballs: Tarballs = {};
  for (const [plugin, name] of Object.entries(PLUGINS)) {
    const dir = join(ROOT, 'plugins', plugin);
    const before = readdirSync(packs);
    const manifestBefore = readFileSync(join(dir, 'package.json'), 'utf8');
    run('npm', ['pack', '--pack-destination', packs], dir);
    const tarball = readdirSync(packs).find(f => !before.includes(f));
    if (!tarball) throw new Error(`npm pack made no tarball of ${plugin}`);
    tarballs[name] = join(packs, tarball);
    // postpack puts the workspace's package.json back.
    check(
      `${plugin}: npm pack leaves the workspace's package.json as it was`,
      !existsSync(join(dir, 'package.json-prepack')) &&
        readFileSync(join(dir, 'package.json'), 'utf8') === manifestBefore,
    );
    checkTarball(plugin, tarballs[name], check);
  }
  return tarballs;
}

/**
 * In a project where the tarballs are installed: the backend packages load
 * in plain Node and their default export is a Backstage feature; the
 * frontend's /alpha export is there.
 */
export function checkInstalled(project: string, check: Check): void {
  for (const name of BACKEND_FEATURES) {
    let type;
    try {
      type = run(
        process.execPath,
        [
          '-e',
          `process.stdout.write(String(require('${name}').default.$$type))`,
        ],
        project,
      );
    } catch (error) {
      type = String((error as { stderr?: string }).stderr ?? error).slice(
        0,
        300,
      );
    }
    check(
      `${name} loads in plain Node from its tarball; its default export is a Backstage feature`,
      type === '@backstage/BackendFeature',
      type,
    );
  }
  const frontend = join(project, 'node_modules/@mlgov/plugin-ml-environments');
  check(
    "the frontend's /alpha export (the new frontend system's plugin) is in its tarball",
    existsSync(join(frontend, 'dist/alpha.esm.js')) &&
      existsSync(join(frontend, 'dist/alpha.d.ts')),
  );
}
