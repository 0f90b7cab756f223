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
    const documented = [...doc.matchAll(/`([a-z]+:[A-Z][A-Za-z]+)`/g)]
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
    const tests = readFileSync(
      resolve(__dirname, 'knownDifferences.test.ts'),
      'utf8',
    );
    const described = [...tests.matchAll(/^describe\('([^']+)'/gm)].map(
      m => m[1],
    );
    expect(bullets.length).toBeGreaterThan(5);
    expect(described).toEqual(bullets);
  });
});
