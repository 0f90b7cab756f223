// The suite as an adopter receives it: each plugin built and packed with
// `npm pack` (its prepack/postpack make package.json point at dist/), the
// tarballs checked for what they hold, then installed with npm, from the
// tarballs alone, into a bare project outside the workspace, where the
// backend packages load in plain Node and their default export is a
// Backstage feature, and the frontend's exports point at files inside it.
// main.ts (scripts/e2e-adopter.mjs) does all this too, in a running
// Backstage app; this is its quick form. Needs `npm run tsc` first (the type
// declarations come from dist-types). Prints `N passed, N failed`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReport } from '../lib/report.ts';
import { checkInstalled, packPlugins, run } from './pack.ts';

async function main(): Promise<number> {
  const report = createReport();
  const { check } = report;
  const packs = mkdtempSync(join(tmpdir(), 'ml-packs-'));
  const adopter = mkdtempSync(join(tmpdir(), 'ml-adopter-'));
  try {
    const tarballs = await packPlugins(packs, check);
    // An outside project: npm, the registry for Backstage's own packages, and
    // the suite from its tarballs only.
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
        ...Object.values(tarballs),
      ],
      adopter,
    );
    checkInstalled(adopter, check);
  } catch (error) {
    check(
      'packing and installing the suite',
      false,
      String(error).slice(0, 500),
    );
  } finally {
    rmSync(packs, { recursive: true, force: true });
    rmSync(adopter, { recursive: true, force: true });
  }
  return report.summary();
}

main().then(code => process.exit(code));
