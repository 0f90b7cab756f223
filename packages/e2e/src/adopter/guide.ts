// The installation guides applied to the adopter's host app
// (host.ts): the READMEs' marked blocks (readmeBlocks.ts), the
// suite's templates copied in as the scaffolder module's guide says, and the
// configuration the guides give plus the test environment's values.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Check } from '../lib/report.ts';
import { APP_INDEX, BACKEND_INDEX, hostConfig, writeOrg } from './host.ts';
import { PLUGINS, ROOT, run, type Tarballs } from './pack.ts';
import {
  applyCode,
  applyConfig,
  importedNames,
  installsOf,
  readmeBlocks,
  type Block,
} from './readmeBlocks.ts';

/** The project the run provisions. */
export type Project = {
  name: string;
  owner: string;
  description: string;
  pattern: string;
};

const TEMPLATES = [
  'ml-sandbox-project',
  'ml-dev-project',
  'ml-mlops-project',
  'ml-request-guardrail-exception',
  'ml-request-data-access',
  'ml-offboard-project',
];

/** The PostgreSQL of the end-to-end tests, as knex connection settings. */
function postgres() {
  const url =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ||
    run('bash', [join(ROOT, 'scripts/start-postgres.sh')], ROOT).trim();
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/** The skeleton's catalog-info.yaml as the template writes it for `values`. */
function renderSkeleton(text: string, values: Record<string, unknown>) {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    const path = /^values\.([\w.]+)$/.exec(expr);
    if (path) {
      return String(path[1].split('.').reduce<any>((v, k) => v?.[k], values));
    }
    if (/values\.description.*\|\s*dump$/.test(expr)) {
      return JSON.stringify(values.description);
    }
    throw new Error(`The test cannot render \${{ ${expr} }}`);
  });
}

/**
 * Applies the guides to the host app in `host` (host.ts's writeHostApp);
 * `project` is the project the run provisions.
 */
export function applyGuides({
  host,
  tarballs,
  ports,
  project,
  team,
  check,
}: {
  host: string;
  tarballs: Tarballs;
  ports: { backend: number; emulator: number };
  project: Project;
  team: string;
  check: Check;
}): { blocks: Block[]; emulator: string } {
  const blocks = readmeBlocks();
  const kinds = (plugin: string) =>
    blocks.filter(b => b.plugin === plugin).map(b => b.kind);
  const has = (plugin: string, wanted: string[]) =>
    wanted.every(k => kinds(plugin).includes(k));
  check(
    'each installable plugin README marks its install, code and config blocks',
    has('ml-environments-backend', ['install', 'backend', 'config']) &&
      has('scaffolder-actions-aws-ml', ['install', 'backend', 'config']) &&
      has('ml-environments', ['install', 'app', 'app-legacy']),
    JSON.stringify(
      Object.fromEntries(Object.keys(PLUGINS).map(p => [p, kinds(p)])),
    ),
  );
  const fromTarball = (name: string) => `file:${tarballs[name]}`;
  const installs = installsOf(blocks);
  const guided = installs.flatMap(i => i.packages);
  // The suite's libraries are not on a registry yet: their tarballs stand
  // in for it, so the plugins' dependencies on them resolve.
  const rootManifest = JSON.parse(
    readFileSync(join(host, 'package.json'), 'utf8'),
  );
  rootManifest.dependencies = Object.fromEntries(
    Object.keys(tarballs)
      .filter(name => !guided.includes(name))
      .map(name => [name, fromTarball(name)]),
  );
  writeFileSync(
    join(host, 'package.json'),
    JSON.stringify(rootManifest, null, 2),
  );
  // `npm install --workspace <dir> <packages>`, each package from its tarball.
  for (const { workspace, packages } of installs) {
    const file = join(host, workspace, 'package.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    for (const name of packages) {
      if (!tarballs[name]) {
        throw new Error(`The guide installs ${name}, not a suite package`);
      }
      manifest.dependencies[name] = fromTarball(name);
    }
    writeFileSync(file, JSON.stringify(manifest, null, 2));
  }
  const edit = (
    file: string,
    kind: string,
    where: Parameters<typeof applyCode>[2],
  ) => {
    let source = readFileSync(join(host, file), 'utf8');
    for (const b of blocks.filter(x => x.kind === kind)) {
      source = applyCode(source, b.code, where);
    }
    writeFileSync(join(host, file), source);
  };
  edit(BACKEND_INDEX, 'backend', {
    anchor: /^backend\.start\(\);/,
    place: 'before',
  });
  edit(APP_INDEX, 'app', { anchor: /features: \[/, place: 'after' });

  // The templates directory copied into the app's repository, as the guide says.
  cpSync(join(ROOT, 'templates'), join(host, 'ml-templates'), {
    recursive: true,
  });
  writeOrg(host, team);
  // Stands in for the repository the template publishes (that needs a Git
  // host), written from the real skeleton: the System the tab is on.
  const skeleton = readFileSync(
    join(host, 'ml-templates/skeleton/catalog-info.yaml'),
    'utf8',
  );
  writeFileSync(
    join(host, 'project-catalog-info.yaml'),
    renderSkeleton(skeleton, {
      project: project.name,
      description: project.description,
      owner: project.owner,
      layout: { pattern: project.pattern },
    }),
  );
  const base = hostConfig({
    port: ports.backend,
    database: postgres(),
    prefix: `adopter_${Date.now()}_`,
  });
  base.catalog.locations.push({
    type: 'file',
    target: '../../project-catalog-info.yaml',
  });
  writeFileSync(
    join(host, 'app-config.yaml'),
    stringify(applyConfig(base, blocks)),
  );
  // The environment's values: the emulator as AWS, with the suite's own role
  // in every member account (the member policies of docs/deployment.md, which
  // the emulator enforces), its organization's shared services account, and
  // short intervals for a test.
  const emulator = `http://127.0.0.1:${ports.emulator}`;
  writeFileSync(
    join(host, 'app-config.emulator.yaml'),
    stringify({
      mlEnvironments: {
        aws: {
          endpoint: emulator,
          memberAccountRoleName: 'ml-environments-member',
          organizationsRateLimits: {
            list: { ratePerSecond: 1000, burst: 1000 },
            describePolicy: { ratePerSecond: 1000, burst: 1000 },
          },
        },
        serviceCatalog: { sharedServicesAccountId: '100000000010' },
        provisioning: { pollIntervalSeconds: 0.5 },
        status: {
          schedule: { frequency: { seconds: 15 }, timeout: { minutes: 2 } },
        },
      },
    }),
  );
  return { blocks, emulator };
}

/**
 * The legacy frontend guide, which no app here runs: every name it imports
 * is an export of the installed package, and every `ui:field` of the suite's
 * templates has its field extension there.
 */
export function checkLegacyGuide(
  host: string,
  blocks: Block[],
  check: Check,
): void {
  const legacy = blocks.find(b => b.kind === 'app-legacy')?.code ?? '';
  const dts = readFileSync(
    join(host, 'node_modules/@mlgov/plugin-ml-environments/dist/index.d.ts'),
    'utf8',
  );
  const exported = [...dts.matchAll(/export \{([^}]*)\}/g)]
    .flatMap(m => m[1].split(','))
    .map(name =>
      name
        .trim()
        .split(/\s+as\s+/)
        .pop(),
    );
  const names = importedNames(legacy, '@mlgov/plugin-ml-environments');
  const missing = names.filter(n => !exported.includes(n));
  check(
    'the legacy frontend guide imports only exports of the installed package',
    names.length > 5 && missing.length === 0,
    missing.join(', '),
  );
  const fields = new Set<string>();
  for (const template of TEMPLATES) {
    const text = readFileSync(
      join(host, 'ml-templates', `${template}.yaml`),
      'utf8',
    );
    for (const [, field] of text.matchAll(/ui:field: (Ml\w+)/g)) {
      fields.add(field);
    }
  }
  const unregistered = [...fields].filter(
    f =>
      !legacy.includes(`<${f}FieldExtension />`) &&
      !legacy.includes(`<${f}Extension />`),
  );
  check(
    "every ui:field of the suite's templates has its field extension in the legacy guide",
    fields.size > 3 && unregistered.length === 0,
    unregistered.join(', '),
  );
}

export { APP_INDEX, BACKEND_INDEX };
