import {
  BASELINES,
  LANDING_ZONE_VERSION,
  baselineArn,
  registerOu,
} from './services/controltower/landingzone.ts';
import { readFileSync } from 'node:fs';
import { parseSeed } from './seedSchema.ts';
import {
  type AccountRecord,
  EmulatorState,
  type IdentityPolicy,
  type Tags,
} from './state.ts';
import {
  FULL_AWS_ACCESS_ID,
  addAccount,
  attachPolicy,
  createOu,
  createPolicy,
  ensureFullAwsAccessPolicy,
} from './services/organizations/index.ts';
import {
  CONTROL_CATALOG,
  configRuleName,
  deployControl,
} from './services/controltower/index.ts';
import {
  createPortfolio,
  createProduct,
  finishProvisioning,
  sharePortfolio,
  startProvisioning,
} from './services/servicecatalog/index.ts';
import { ids } from './ids.ts';
import { validateIdentityPolicy } from './services/iam/index.ts';

export interface SeedAccount {
  name: string;
  email: string;
  id?: string;
  tags?: Tags;
  /** A closed account stays SUSPENDED in the organization for 90 days. */
  status?: 'ACTIVE' | 'SUSPENDED';
}

export interface SeedOu {
  name: string;
  accounts?: SeedAccount[];
  children?: SeedOu[];
}

/** An organization described in YAML; see seeds/demo.yaml and docs/aws-emulator.md. */
export interface SeedDocument {
  organization?: {
    /** false: a standalone account that has yet to call CreateOrganization. */
    exists?: boolean;
    id?: string;
    rootId?: string;
    serviceControlPolicies?: 'enabled' | 'disabled';
    /** Accounts per organization (Service Quotas); AWS's default is 10. */
    accountQuota?: number;
    managementAccount?: { id: string; name: string; email: string };
  };
  /**
   * Control Tower: a landing zone (by default) with the Identity Center
   * baseline, and every seeded OU registered except those listed.
   */
  controlTower?: {
    landingZone?: boolean;
    identityCenter?: boolean;
    unregistered?: string[];
  };
  /** access key id → account (id or name) whose administrator it acts as */
  accessKeys?: Record<string, string>;
  /**
   * IAM principals' identity policies, for the policy simulator; principals
   * not listed may do everything. Conditions are not evaluated.
   */
  iam?: { principalPolicies?: Record<string, IdentityPolicy[]> };
  organizationalUnits?: SeedOu[];
  /** Accounts directly under the root. */
  accounts?: SeedAccount[];
  policies?: Array<{
    name: string;
    description?: string;
    content: unknown;
    /** `Root`, an OU path such as `Workloads/Workloads_Dev`, or an account name */
    attachTo?: string[];
  }>;
  controls?: Array<{
    control: string;
    ou: string;
    drift?: 'IN_SYNC' | 'DRIFTED';
  }>;
  configEvaluations?: Array<{
    account: string;
    control: string;
    resource: string;
    compliance: 'COMPLIANT' | 'NON_COMPLIANT';
  }>;
  serviceCatalog?: Array<{
    account: string;
    portfolio: string;
    provider?: string;
    products: Array<{
      name: string;
      kind: 'sagemaker-studio-domain' | 'mlops-pipeline' | 'generic';
      description?: string;
    }>;
    /** OU paths, account names or `Organization` */
    shareWith?: string[];
    principals?: string[];
  }>;
  /** Glue databases (and their tables) that Lake Formation governs, by account. */
  dataLake?: Array<{
    account: string;
    databases: Array<{ name: string; tables?: string[] }>;
  }>;
  /** Products already provisioned in project accounts. */
  provisionedProducts?: Array<{
    account: string;
    product: string;
    name: string;
    parameters?: Record<string, string>;
    tags?: Tags;
  }>;
}

/** Reads and checks a seed file; a problem is named with its line. */
export function readSeedFile(path: string): SeedDocument {
  return parseSeed(readFileSync(path, 'utf8'), path) as SeedDocument;
}

const DEFAULT_MANAGEMENT = {
  id: '111111111111',
  name: 'Management',
  email: 'aws-management@example.com',
};

/** Builds the emulated world from a seed, through the same code the API uses. */
/** Seeds describe one Region, as the rest of the emulator assumes. */
const SEED_REGION = 'us-east-1';

export function loadSeed(seed: SeedDocument): EmulatorState {
  const state = new EmulatorState();
  const org = seed.organization ?? {};
  if (org.id) state.organizationId = org.id;
  if (org.rootId) state.rootId = org.rootId;
  state.scpEnabled = org.serviceControlPolicies !== 'disabled';
  if (org.accountQuota !== undefined) state.accountQuota = org.accountQuota;
  if (org.exists === false) state.inOrganization = false;
  if (state.scpEnabled) {
    ensureFullAwsAccessPolicy(state);
    state.attach(FULL_AWS_ACCESS_ID, state.rootId);
  }
  const management = org.managementAccount ?? DEFAULT_MANAGEMENT;
  state.managementAccountId = management.id;
  addAccount(state, management);

  const ouIdsByPath = new Map<string, string>();
  const addAccounts = (accounts: SeedAccount[] = [], parentId: string) => {
    for (const { status, ...account } of accounts) {
      const added = addAccount(state, { ...account, parentId });
      if (status) added.state = status;
    }
  };
  const addOus = (ous: SeedOu[] = [], parentId: string, parentPath: string) => {
    for (const seedOu of ous) {
      const ou = createOu(state, parentId, seedOu.name);
      const path = parentPath ? `${parentPath}/${seedOu.name}` : seedOu.name;
      ouIdsByPath.set(path, ou.id);
      addAccounts(seedOu.accounts, ou.id);
      addOus(seedOu.children, ou.id, path);
    }
  };
  addAccounts(seed.accounts, state.rootId);
  addOus(seed.organizationalUnits, state.rootId, '');

  const account = (ref: string): AccountRecord => {
    const found = [...state.accounts.values()].find(
      a => a.id === ref || a.name === ref,
    );
    if (!found) throw new Error(`Seed refers to unknown account '${ref}'`);
    return found;
  };
  const ouId = (path: string) => {
    const id = ouIdsByPath.get(path);
    if (!id) throw new Error(`Seed refers to unknown OU path '${path}'`);
    return id;
  };
  const target = (ref: string) =>
    ref === 'Root' ? state.rootId : ouIdsByPath.get(ref) ?? account(ref).id;

  const keys = seed.accessKeys ?? { 'emulator-management': management.id };
  for (const [accessKeyId, ref] of Object.entries(keys)) {
    const { id } = account(ref);
    state.credentials.set(accessKeyId, {
      accessKeyId,
      accountId: id,
      arn: `arn:aws:iam::${id}:user/emulator-admin`,
      userId: `AIDA${accessKeyId
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '')
        .padEnd(16, 'X')
        .slice(0, 16)}`,
    });
  }

  for (const [arn, policies] of Object.entries(
    seed.iam?.principalPolicies ?? {},
  )) {
    policies.forEach((policy, i) =>
      validateIdentityPolicy(policy, `iam.principalPolicies['${arn}'][${i}]`),
    );
    state.principalPolicies.set(arn, policies);
  }

  for (const policy of seed.policies ?? []) {
    const created = createPolicy(state, {
      name: policy.name,
      description: policy.description ?? '',
      content:
        typeof policy.content === 'string'
          ? policy.content
          : JSON.stringify(policy.content),
    });
    for (const ref of policy.attachTo ?? []) {
      attachPolicy(state, Number.MAX_SAFE_INTEGER, created.id, target(ref));
    }
  }

  const controlTower = seed.controlTower ?? {};
  if (controlTower.landingZone !== false) {
    state.landingZone = {
      arn: `arn:aws:controltower:${SEED_REGION}:${
        state.managementAccountId
      }:landingzone/${ids.randomEnabledControl()}`,
      version: LANDING_ZONE_VERSION,
    };
    const unregistered = new Set(controlTower.unregistered ?? []);
    let identityCenterArn: string | undefined;
    // Parents first, as Control Tower registers them.
    for (const [path, id] of [...ouIdsByPath].sort(
      ([a], [b]) => a.split('/').length - b.split('/').length,
    )) {
      if (unregistered.has(path)) continue;
      const parameters = identityCenterArn
        ? [
            {
              key: 'IdentityCenterEnabledBaselineArn',
              value: identityCenterArn,
            },
          ]
        : [];
      registerOu(state, SEED_REGION, id, parameters);
      if (controlTower.identityCenter !== false && !identityCenterArn) {
        // The Identity Center baseline sits on the first registered OU.
        const arn = `arn:aws:controltower:${SEED_REGION}:${
          state.managementAccountId
        }:enabledbaseline/${ids.randomEnabledControl()}`;
        state.enabledBaselines.set(arn, {
          arn,
          baselineIdentifier: baselineArn(
            SEED_REGION,
            'IdentityCenterBaseline',
          ),
          baselineVersion: BASELINES.IdentityCenterBaseline.version,
          targetIdentifier: state.ous.get(id)!.arn,
          status: 'SUCCEEDED',
          lastOperationIdentifier: ids.operation(),
          parameters: [],
          enrolledAccountIds: new Set(),
        });
        identityCenterArn = arn;
      }
    }
  }

  for (const control of seed.controls ?? []) {
    if (!CONTROL_CATALOG[control.control]) {
      throw new Error(`Seed refers to unknown control '${control.control}'`);
    }
    const ou = state.ous.get(ouId(control.ou))!;
    deployControl(state, Number.MAX_SAFE_INTEGER, control.control, ou.id);
    const arn = `arn:aws:controltower:us-east-1:${
      state.managementAccountId
    }:enabledcontrol/${ids.randomEnabledControl()}`;
    state.enabledControls.set(arn, {
      arn,
      controlIdentifier: `arn:aws:controltower:us-east-1::control/${control.control}`,
      targetIdentifier: ou.arn,
      status: 'SUCCEEDED',
      driftStatus:
        CONTROL_CATALOG[control.control].behavior === 'PROACTIVE'
          ? 'NOT_CHECKING'
          : control.drift ?? 'IN_SYNC',
      lastOperationIdentifier: ids.operation(),
      parameters: [],
    });
  }

  for (const evaluation of seed.configEvaluations ?? []) {
    const { id } = account(evaluation.account);
    const ruleName = configRuleName(evaluation.control);
    if (!state.configRules.get(id)?.has(ruleName)) {
      throw new Error(
        `Seed evaluates ${ruleName} in '${evaluation.account}', but no control deploys that rule there`,
      );
    }
    state.configEvaluations.push({
      accountId: id,
      ruleName,
      resourceType:
        CONTROL_CATALOG[evaluation.control].resourceType ?? 'AWS::S3::Bucket',
      resourceId: evaluation.resource,
      complianceType: evaluation.compliance,
      recordedAt: new Date(),
    });
  }

  for (const entry of seed.serviceCatalog ?? []) {
    const owner = account(entry.account);
    const portfolio = createPortfolio(state, owner.id, {
      displayName: entry.portfolio,
      providerName: entry.provider ?? 'ML Platform Team',
    });
    for (const product of entry.products) {
      const created = createProduct(state, owner.id, {
        ...product,
        owner: entry.provider ?? 'ML Platform Team',
      });
      portfolio.productIds.push(created.id);
    }
    if (entry.principals?.length) {
      state.portfolioPrincipals.set(
        `${owner.id}/${portfolio.id}`,
        entry.principals.map(arn => ({
          PrincipalARN: arn,
          PrincipalType: 'IAM_PATTERN' as const,
        })),
      );
    }
    for (const ref of entry.shareWith ?? []) {
      if (ref === 'Organization') {
        sharePortfolio(
          state,
          portfolio.id,
          { type: 'ORGANIZATION', value: state.organizationId },
          true,
        );
      } else if (ouIdsByPath.has(ref)) {
        sharePortfolio(
          state,
          portfolio.id,
          { type: 'ORGANIZATIONAL_UNIT', value: ouId(ref) },
          true,
        );
      } else {
        sharePortfolio(state, portfolio.id, {
          type: 'ACCOUNT',
          value: account(ref).id,
        });
      }
    }
  }

  for (const entry of seed.dataLake ?? []) {
    const owner = account(entry.account);
    for (const database of entry.databases) {
      state.lakeDatabases.set(`${owner.id}/${database.name}`, {
        catalogId: owner.id,
        name: database.name,
        tables: database.tables ?? [],
      });
    }
  }

  for (const entry of seed.provisionedProducts ?? []) {
    const owner = account(entry.account);
    const product = [...state.products.values()].find(
      p => p.name === entry.product,
    );
    if (!product)
      throw new Error(`Seed provisions unknown product '${entry.product}'`);
    const portfolio = [...state.portfolios.values()].find(p =>
      p.productIds.includes(product.id),
    )!;
    state.acceptedShares.set(
      `${owner.id}/${portfolio.id}`,
      'AWS_ORGANIZATIONS',
    );
    const { pp, record } = startProvisioning(state, owner.id, 'us-east-1', {
      product,
      artifactId: product.artifacts[0].id,
      pathId: portfolio.id,
      name: entry.name,
      token: entry.name,
      parameters: Object.entries(entry.parameters ?? {}).map(
        ([Key, Value]) => ({ Key, Value }),
      ),
      tags: Object.entries(entry.tags ?? {}).map(([Key, Value]) => ({
        Key,
        Value,
      })),
    });
    finishProvisioning(state, 'us-east-1', product, pp, record);
  }

  return state;
}
