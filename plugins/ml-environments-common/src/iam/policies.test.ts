import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { actionMatches } from '../evaluation';
import { SUITE_CALLS } from './calls';
import { emulatorPolicies, withPolicyBlocks } from './generated';
import {
  SUITE_PRINCIPALS,
  SuitePrincipal,
  suiteActionsFor,
  suitePolicy,
} from './policies';

const repo = resolve(__dirname, '../../../..');

/** The IAM prefix of each AWS SDK client package the suite may import. */
const PREFIXES: Record<string, string> = {
  budgets: 'budgets',
  cloudformation: 'cloudformation',
  'config-service': 'config',
  'cost-explorer': 'ce',
  glue: 'glue',
  iam: 'iam',
  lakeformation: 'lakeformation',
  organizations: 'organizations',
  s3: 's3',
  sagemaker: 'sagemaker',
  'service-catalog': 'servicecatalog',
  sqs: 'sqs',
  sts: 'sts',
};

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__testUtils__' ? [] : productionFiles(path);
    }
    return /\.tsx?$/.test(entry.name) &&
      !/\.(test|bench)\.tsx?$/.test(entry.name)
      ? [path]
      : [];
  });
}

/** `service:Operation` of every AWS SDK command and paginator a file imports. */
function operationsIn(source: string, file: string): string[] {
  const found: string[] = [];
  const imports = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z-]+)'/g;
  for (const [, names, client] of source.matchAll(imports)) {
    const prefix = PREFIXES[client];
    if (!prefix) {
      throw new Error(
        `${file} imports @aws-sdk/client-${client}: add its IAM prefix here and its calls to SUITE_CALLS`,
      );
    }
    for (const raw of names.split(',')) {
      const name = raw.replace(/^\s*type\s+/, '').trim();
      const operation =
        /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
      if (operation) found.push(`${prefix}:${operation}`);
    }
  }
  // Control Tower's REST client names its operations by their paths.
  for (const [, path] of source.matchAll(/this\.post\('\/([a-z-]+)'/g)) {
    const operation = path
      .split('-')
      .map(word => word[0].toUpperCase() + word.slice(1))
      .join('')
      .replace(/Landingzone/g, 'LandingZone');
    found.push(`controltower:${operation}`);
  }
  return found;
}

function allowedBy(principal: SuitePrincipal, action: string) {
  return suitePolicy(principal).Statement.some(s =>
    s.Action.some(pattern => actionMatches(pattern, action)),
  );
}

describe('the suite principals’ IAM policies', () => {
  const sent = new Map<string, string>();
  for (const plugin of [
    'ml-environments-node',
    'ml-environments-backend',
    'scaffolder-actions-aws-ml',
  ]) {
    for (const file of productionFiles(join(repo, 'plugins', plugin, 'src'))) {
      for (const operation of operationsIn(readFileSync(file, 'utf8'), file)) {
        sent.set(operation, file.slice(repo.length + 1));
      }
    }
  }

  it('finds the calls it checks in the production code', () => {
    expect(sent.size).toBeGreaterThan(60);
    expect(sent.get('organizations:CloseAccount')).toBeDefined();
    expect(sent.get('controltower:EnableBaseline')).toMatch(
      /controlTowerRest\.ts$/,
    );
  });

  it('names the principal of every AWS call the production code sends', () => {
    const unknown = [...sent]
      .filter(([operation]) => !SUITE_CALLS[operation])
      .map(([operation, file]) => `${operation} (${file})`);
    expect(unknown).toEqual([]);
  });

  it("allows each call in its principal's generated policy", () => {
    const missing = Object.entries(SUITE_CALLS).flatMap(
      ([operation, { principals, action }]) =>
        principals
          .filter(p => !allowedBy(p, action ?? operation))
          .map(p => `${p}: ${action ?? operation}`),
    );
    expect(missing).toEqual([]);
  });

  it('grants nothing no call needs', () => {
    const needed = (principal: SuitePrincipal) =>
      Object.entries(SUITE_CALLS)
        .filter(([, call]) => call.principals.includes(principal))
        .map(([operation, call]) => call.action ?? operation);
    // Needed on AWS's side by calls the suite makes, not calls of their own.
    const implied = [
      'iam:CreateServiceLinkedRole',
      'sagemaker:AddTags',
      's3:ListBucket',
      /^cloudformation:/,
      // Passing the launch role: naming it in a LAUNCH constraint, and
      // launching under one.
      'iam:PassRole',
    ];
    // The launch role's actions are CloudFormation's calls for the
    // products' resources (the emulator judges them), not the suite's.
    const callers = SUITE_PRINCIPALS.filter(p => p !== 'launch');
    const extra = callers.flatMap(principal =>
      suitePolicy(principal)
        .Statement.flatMap(s => s.Action)
        .filter(a => !needed(principal).includes(a))
        .filter(
          a => !implied.some(i => (i instanceof RegExp ? i.test(a) : i === a)),
        )
        .map(a => `${principal}: ${a}`),
    );
    expect(extra).toEqual([]);
  });

  it('asks for CloseAccount only when offboarding closes accounts', () => {
    expect(suiteActionsFor('management', 'offboarding')).toContain(
      'organizations:CloseAccount',
    );
    expect(
      suiteActionsFor('management', 'offboarding', { closeAccounts: false }),
    ).not.toContain('organizations:CloseAccount');
    expect(suiteActionsFor('management', 'status')).toEqual(
      expect.arrayContaining([
        'config:GetAggregateComplianceDetailsByConfigRule',
        'organizations:ListAccounts',
      ]),
    );
  });

  it('scopes AssumeRole to the configured member role', () => {
    const statement = suitePolicy('management', {
      partition: 'aws-cn',
      memberAccountRoleName: 'ml-suite',
    }).Statement.find(s => s.Sid === 'ActInMemberAccounts');
    expect(statement?.Resource).toBe('arn:aws-cn:iam::*:role/ml-suite');
  });

  it('are printed in docs/deployment.md as generated (else: node scripts/iam-policies.mjs)', () => {
    const doc = readFileSync(join(repo, 'docs/deployment.md'), 'utf8');
    const blocks = [
      ...doc.matchAll(
        /<!-- iam-policy:(\w+) [^>]*-->\s*```json\n([\s\S]*?)```\s*<!-- \/iam-policy -->/g,
      ),
    ];
    expect(blocks.map(b => b[1])).toEqual([...SUITE_PRINCIPALS]);
    for (const [, principal, json] of blocks) {
      // Compared as JSON: prettier may lay out the block its own way.
      expect({ principal, policy: JSON.parse(json) }).toEqual({
        principal,
        policy: suitePolicy(principal as SuitePrincipal),
      });
    }
    // The script would leave the doc's blocks as they are.
    expect(
      JSON.parse(
        withPolicyBlocks(doc, suitePolicy).match(/```json\n([\s\S]*?)```/)![1],
      ),
    ).toEqual(suitePolicy('management'));
  });

  it('are seeded in the emulator as generated (else: node scripts/iam-policies.mjs)', () => {
    const seeded = readFileSync(
      join(repo, 'packages/aws-emulator/seeds/suite-iam.json'),
      'utf8',
    );
    expect(JSON.parse(seeded)).toEqual(
      JSON.parse(emulatorPolicies(suitePolicy)),
    );
  });
});
