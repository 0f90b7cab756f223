import { fileURLToPath } from 'node:url';
import { seededRandom } from './limits.ts';
import {
  readSeedFile,
  type SeedAccount,
  type SeedDocument,
  type SeedOu,
} from './seed.ts';
import { controlTowerPolicies, examplePolicies } from './brownfieldPolicies.ts';

/**
 * A company's organization as the suite meets it: the demo organization (the
 * guide's OUs, the ML platform and its projects) grown into years of other
 * teams' work. Business units with OUs five deep, accounts nobody tagged,
 * suspended accounts, accounts left in the Root, SCPs after AWS's published
 * examples and Control Tower's own, and a few dozen more suite projects.
 * The company has not done the suite's one-time Service Catalog setup
 * (docs/deployment.md, "Service Catalog sharing"): Service Catalog's
 * Organizations access is off and nobody is its delegated administrator, so
 * the ML portfolio in Team Shared Services is shared with no OU, which AWS
 * would not let that account do. Deterministic for a given size and seed.
 */
export function brownfieldSeed(
  options: { accounts?: number; seed?: number } = {},
): SeedDocument {
  const target = options.accounts ?? 1000;
  const random = seededRandom(options.seed ?? 20261202);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const demo = readSeedFile(
    fileURLToPath(new URL('../seeds/demo.yaml', import.meta.url)),
  );
  const ous: SeedOu[] = structuredClone(demo.organizationalUnits ?? []);
  const policies = structuredClone(demo.policies ?? []);
  let accountCount = 1 + countAccounts(ous) + (demo.accounts ?? []).length;
  let serial = 0;
  const nextId = () => String(500000000000 + ++serial);
  const account = (name: string, tags?: Record<string, string>) => {
    accountCount++;
    const id = nextId();
    return {
      id,
      name,
      email: `aws+${name}@corp.example.com`,
      ...(tags ? { tags } : {}),
    } as SeedAccount;
  };

  // Business units: Dev/Test/Prod below each, and in some a deeper platform
  // tree that reaches Organizations' five levels.
  const units = Array.from(
    { length: 12 },
    (_, i) => `BU${String(i + 1).padStart(2, '0')}`,
  );
  const leaves: SeedOu[] = [];
  const unitOus: SeedOu[] = units.map((unit, i) => {
    const envs = ['Dev', 'Test', 'Prod'].map(env => {
      const ou: SeedOu = { name: `${unit}_${env}`, accounts: [] };
      leaves.push(ou);
      return ou;
    });
    const children: SeedOu[] = [...envs];
    if (i % 3 === 0) {
      const legacy: SeedOu = { name: `${unit}_Legacy`, accounts: [] };
      const streaming: SeedOu = {
        name: `${unit}_Streaming`,
        accounts: [],
        children: [legacy],
      };
      const data: SeedOu = {
        name: `${unit}_Data`,
        accounts: [],
        children: [streaming],
      };
      children.push({ name: `${unit}_Platform`, children: [data] });
      leaves.push(legacy, streaming, data);
    }
    return { name: unit, children };
  });
  const suspendedOu: SeedOu = { name: 'Suspended', accounts: [] };
  ous.push(...unitOus, suspendedOu);

  // A few dozen more suite projects, tagged as the suite tags them, in the
  // guide's Sandbox OU.
  const sandbox = ous.find(o => o.name === 'Sandbox');
  for (let i = 1; i <= 30 && sandbox; i++) {
    const project = `legacy-ml-${String(i).padStart(2, '0')}`;
    const sandboxAccount = account(`${project}-sandbox`, {
      'ml-project': project,
      'ml-stage': 'sandbox',
      'ml-pattern': 'sandbox',
      owner: 'group:default/team-churn',
      'cost-center': 'CC-4000',
    });
    // Two were adopted: accounts that joined by invitation, without
    // OrganizationAccountAccessRole or the suite's role.
    if (i % 14 === 7) sandboxAccount.invited = true;
    sandbox.accounts = [...(sandbox.accounts ?? []), sandboxAccount];
  }

  const rootAccounts: SeedAccount[] = [...(demo.accounts ?? [])];
  while (accountCount < target) {
    const roll = random();
    if (roll < 0.01) {
      // Acquired accounts, invited into the organization and left in the root.
      rootAccounts.push({ ...account(`stray-${serial}`), invited: true });
    } else if (roll < 0.03) {
      suspendedOu.accounts!.push({
        ...account(`closed-${serial}`),
        status: 'SUSPENDED',
      });
    } else {
      const leaf = pick(leaves);
      // Most accounts carry no tags, or tags from another tool.
      const tags =
        random() < 0.4
          ? { CostCenter: `CC-${1000 + Math.floor(random() * 900)}` }
          : undefined;
      leaf.accounts!.push(
        account(`${leaf.name.toLowerCase()}-${serial}`, tags),
      );
    }
  }

  policies.push(
    ...examplePolicies(units, random),
    ...controlTowerPolicies(random),
  );

  const ouPaths = new Set(pathsOf(ous));
  return {
    ...demo,
    organization: {
      ...demo.organization,
      accountQuota: Math.max(target + 100, 5000),
      trustedServices: [],
      delegatedAdministrators: {},
    },
    organizationalUnits: ous,
    accounts: rootAccounts,
    policies,
    serviceCatalog: (demo.serviceCatalog ?? []).map(portfolio => ({
      ...portfolio,
      shareWith: (portfolio.shareWith ?? []).filter(
        ref => ref !== 'Organization' && !ouPaths.has(ref),
      ),
    })),
  };
}

function pathsOf(ous: SeedOu[], parent = ''): string[] {
  return ous.flatMap(ou => {
    const path = parent ? `${parent}/${ou.name}` : ou.name;
    return [path, ...pathsOf(ou.children ?? [], path)];
  });
}

function countAccounts(ous: SeedOu[]): number {
  return ous.reduce(
    (sum, ou) =>
      sum + (ou.accounts?.length ?? 0) + countAccounts(ou.children ?? []),
    0,
  );
}
