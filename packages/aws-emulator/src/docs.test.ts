import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SERVICES } from './server.ts';

describe('docs/aws-emulator.md', () => {
  it('lists every operation the emulator serves, and no other', () => {
    const doc = readFileSync(
      resolve(__dirname, '../../../docs/aws-emulator.md'),
      'utf8',
    );
    const served = Object.entries(SERVICES)
      .flatMap(([service, handlers]) =>
        Object.keys(handlers).map(op => `${service}:${op}`),
      )
      .sort();
    const documented = [
      ...doc.matchAll(/`([a-z][a-z0-9]*:[A-Z][A-Za-z0-9]+)`/g),
    ]
      .map(m => m[1])
      .filter(name => name.split(':')[0] in SERVICES && !name.includes('*'))
      .filter((name, i, all) => all.indexOf(name) === i)
      .sort();
    expect(documented).toEqual(served);
  });

  it('proves each known difference from AWS with a test', () => {
    const doc = readFileSync(
      resolve(__dirname, '../../../docs/aws-emulator.md'),
      'utf8',
    );
    const section = doc.slice(doc.indexOf('## Known differences from AWS'));
    const bullets = [...section.matchAll(/^- \*\*([^*]+)\*\*/gm)].map(
      m => m[1],
    );
    // The resources' differences (S3, CloudFormation) have a file of their own.
    const tests = [
      'knownDifferences.test.ts',
      'knownResourceDifferences.test.ts',
    ]
      .map(file => readFileSync(resolve(__dirname, file), 'utf8'))
      .join('\n');
    const described = [...tests.matchAll(/^describe\('([^']+)'/gm)].map(
      m => m[1],
    );
    expect(bullets.length).toBeGreaterThan(5);
    expect(described).toEqual(bullets);
  });
});
