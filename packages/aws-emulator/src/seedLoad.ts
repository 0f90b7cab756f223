// Building the emulated world from a seed: the organization's tree,
// credentials, IAM policies and SCPs, then the services' resources
// (seedServices.ts). Apart from seed.ts, which says what a seed may hold.
import { type AccountRecord, EmulatorState } from './state.ts';
import {
  FULL_AWS_ACCESS_ID,
  addAccount,
  attachPolicy,
  createOu,
  createPolicy,
  enableServiceAccess,
  ensureFullAwsAccessPolicy,
  registerDelegatedAdministrator,
} from './services/organizations/index.ts';
import { validateIdentityPolicy } from './services/iam/index.ts';
import type { SeedAccount, SeedDocument, SeedOu } from './seed.ts';
import { applyServiceSeeds } from './seedServices.ts';
import { seedSuitePrincipals } from './seedSuite.ts';

const DEFAULT_MANAGEMENT = {
  id: '111111111111',
  name: 'Management',
  email: 'aws-management@example.com',
};

/** Builds the emulated world from a seed, through the same code the API uses. */
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
    for (const { status, invited, ...account } of accounts) {
      const added = addAccount(state, { ...account, parentId });
      if (status) added.state = status;
      if (invited) {
        // Joined by invitation: Organizations made no access role in it.
        added.joinedMethod = 'INVITED';
        added.roleName = '';
      }
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

  // Through the API's own rules: a service must be trusted before it has
  // delegated administrators, who must be active member accounts.
  for (const principal of org.trustedServices ?? []) {
    enableServiceAccess(state, principal);
  }
  for (const [principal, refs] of Object.entries(
    org.delegatedAdministrators ?? {},
  )) {
    for (const ref of refs) {
      try {
        registerDelegatedAdministrator(state, account(ref).id, principal);
      } catch (error) {
        throw new Error(
          `Seed cannot make '${ref}' a delegated administrator for ${principal}: ${
            (error as Error).message
          }`,
        );
      }
    }
  }

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

  const suiteAccounts = seed.iam?.suiteAccounts ?? {};
  seedSuitePrincipals(state, management.id, {
    sharedServices:
      suiteAccounts.sharedServices && account(suiteAccounts.sharedServices).id,
    dataLake: suiteAccounts.dataLake && account(suiteAccounts.dataLake).id,
  });
  // The seed's own policies come after, so a test may replace the suite's.
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

  applyServiceSeeds(state, seed, { ouIdsByPath, account, ouId });

  return state;
}
