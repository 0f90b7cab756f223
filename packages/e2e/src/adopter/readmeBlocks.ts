// The installation guides as the adopter's test follows them: the fenced
// blocks of the plugins' READMEs marked `<!-- adopter:<kind> -->`, and how
// each kind is applied to an app, as a person following the guide would.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PLUGINS, ROOT } from './pack.ts';

/** A marked block of a plugin's README. */
export type Block = { plugin: string; kind: string; code: string };

/** Every marked block of every plugin README. */
export function readmeBlocks(): Block[] {
  const blocks: Block[] = [];
  for (const plugin of Object.keys(PLUGINS)) {
    const file = join(ROOT, 'plugins', plugin, 'README.md');
    const readme = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const marked = /<!-- adopter:([\w-]+) -->\s*\n```\w*\n([\s\S]*?)\n```/g;
    for (const [, kind, code] of readme.matchAll(marked)) {
      blocks.push({ plugin, kind, code });
    }
  }
  return blocks;
}

/**
 * `npm install --workspace <dir> <packages…>` lines: which packages go into
 * which workspace of the app.
 */
export function installsOf(
  blocks: Block[],
): Array<{ workspace: string; packages: string[] }> {
  return blocks
    .filter(b => b.kind === 'install')
    .flatMap(b => b.code.split('\n'))
    .map(line => line.trim())
    .filter(Boolean)
    .map(line => {
      const match = /^npm install --workspace (\S+) ((?:@?[\w./-]+ ?)+)$/.exec(
        line,
      );
      if (!match) throw new Error(`Not an install line: ${line}`);
      return { workspace: match[1], packages: match[2].trim().split(/\s+/) };
    });
}

/** A block's import statements (which may span lines) and its other lines. */
function splitImports(code: string): { imports: string[]; rest: string[] } {
  const imports: string[] = [];
  const rest: string[] = [];
  let current: string | undefined;
  for (const line of code.split('\n')) {
    if (current || line.startsWith('import ')) {
      current = current ? `${current}\n${line}` : line;
      if (line.trimEnd().endsWith(';')) {
        imports.push(current);
        current = undefined;
      }
    } else {
      rest.push(line);
    }
  }
  return { imports, rest };
}

/**
 * Adds a block's lines to a source file as the guides say: the imports after
 * the file's last import, the rest where `anchor` says (before or after the
 * first line matching it).
 */
export function applyCode(
  source: string,
  code: string,
  { anchor, place }: { anchor: RegExp; place: 'before' | 'after' },
): string {
  const { imports, rest } = splitImports(code);
  const lines = source.split('\n');
  let lastImport = -1;
  lines.forEach((line, i) => {
    if (/^import .*;$|^} from '.*';$/.test(line)) lastImport = i;
  });
  const at = lines.findIndex(line => anchor.test(line));
  if (at < 0) throw new Error(`No line matching ${anchor} to add to`);
  const body = rest.filter(line => line.trim() !== '');
  const bodyAt = place === 'before' ? at : at + 1;
  lines.splice(bodyAt, 0, ...body);
  lines.splice(lastImport + 1, 0, ...imports);
  return lines.join('\n');
}

/** Merges config as "add these keys" reads: objects merged, lists extended. */
export function mergeConfig(base: unknown, addition: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(addition)) {
    return [...base, ...addition];
  }
  if (
    base &&
    addition &&
    typeof base === 'object' &&
    typeof addition === 'object'
  ) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(addition)) {
      merged[key] =
        key in base
          ? mergeConfig((base as Record<string, unknown>)[key], value)
          : value;
    }
    return merged;
  }
  return addition;
}

/** The app-config the `config` blocks add to `base`. */
export function applyConfig(base: object, blocks: Block[]): unknown {
  return blocks
    .filter(b => b.kind === 'config')
    .reduce<unknown>((config, b) => mergeConfig(config, parse(b.code)), base);
}

/** Names a block imports from a package: `import { a, b } from 'pkg'`. */
export function importedNames(code: string, pkg: string): string[] {
  return splitImports(code)
    .imports.filter(statement => statement.includes(`'${pkg}'`))
    .flatMap(statement => {
      const braces = /{([\s\S]*)}/.exec(statement);
      return braces
        ? braces[1]
            .split(',')
            .map(name => name.trim())
            .filter(Boolean)
        : [];
    });
}
