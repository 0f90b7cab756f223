// Writes the products' templates and manifest into templates/, or with
// --check fails when the files there differ from what synth gives now.
//   node src/cli.ts [--check] [--out <dir>]
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { synthesizeProducts, templateFiles } from './synth.ts';

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const dir = resolve(values.out ?? join(import.meta.dirname, '..', 'templates'));

const synthesized = synthesizeProducts();
const errors = synthesized.flatMap(s =>
  s.nag
    .filter(f => f.severity === 'error')
    .map(
      f =>
        `${s.product.id}: ${f.rule} on ${f.resources.join(', ')}: ${
          f.description
        }`,
    ),
);
if (errors.length > 0) {
  console.error(
    `cdk-nag AwsSolutions: ${errors.length} error(s)\n${errors.join('\n')}`,
  );
  process.exit(1);
}

const files = templateFiles(synthesized);
const present = (() => {
  try {
    return readdirSync(dir).filter(f => f.endsWith('.json'));
  } catch {
    return [];
  }
})();
if (values.check) {
  const read = (f: string) => {
    try {
      return readFileSync(join(dir, f), 'utf8');
    } catch {
      return undefined;
    }
  };
  const stale = [
    ...Object.keys(files).filter(f => read(f) !== files[f]),
    ...present.filter(f => !(f in files)),
  ];
  if (stale.length > 0) {
    console.error(
      `templates/ is out of date (${stale.join(
        ', ',
      )}): run \`npm run synth\` in plugins/ml-environments-products and commit the result`,
    );
    process.exit(1);
  }
  console.log(`${Object.keys(files).length} files in ${dir} match synth`);
} else {
  mkdirSync(dir, { recursive: true });
  for (const stale of present.filter(f => !(f in files))) {
    rmSync(join(dir, stale));
  }
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
  }
  console.log(`wrote ${Object.keys(files).length} files to ${dir}`);
}
