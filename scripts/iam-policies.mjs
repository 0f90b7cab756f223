#!/usr/bin/env -S node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON
// Writes the suite's IAM policies, generated from
// plugins/ml-environments-common/src/iam/policies.ts, into docs/deployment.md
// (between its iam-policy markers) and into the emulator's seeded policies
// (packages/aws-emulator/seeds/suite-iam.json). A test in -common fails while
// either differs: run `node scripts/iam-policies.mjs` after changing them.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import prettier from 'prettier';
import { suitePolicy } from '../plugins/ml-environments-common/src/iam/policies.ts';
import {
  emulatorPolicies,
  withPolicyBlocks,
} from '../plugins/ml-environments-common/src/iam/generated.ts';

const root = resolve(import.meta.dirname, '..');
/** Written as the repository's formatting check wants it. */
async function write(path, text) {
  const options = await prettier.resolveConfig(path);
  writeFileSync(path, prettier.format(text, { ...options, filepath: path }));
}
const docPath = resolve(root, 'docs/deployment.md');
await write(
  docPath,
  withPolicyBlocks(readFileSync(docPath, 'utf8'), suitePolicy),
);
await write(
  resolve(root, 'packages/aws-emulator/seeds/suite-iam.json'),
  emulatorPolicies(suitePolicy),
);
console.log(
  'Wrote docs/deployment.md and packages/aws-emulator/seeds/suite-iam.json',
);
