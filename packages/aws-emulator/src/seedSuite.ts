// The suite's principals, in every organization the emulator builds: the
// backend's management role (access key `emulator-backstage`) and its
// member role in every account, each with the policy the suite generates
// (seeds/suite-iam.json, written by scripts/iam-policies.mjs). The seed
// names the accounts whose member role has the shared services and data
// lake policies instead. Identity policies are enforced on them, so a call
// the suite makes beyond its documented policies is AccessDenied here too.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateIdentityPolicy } from './services/iam/index.ts';
import type { EmulatorState, IdentityPolicy } from './state.ts';

/** The access key the suite's configuration uses against the emulator. */
export const SUITE_ACCESS_KEY = 'emulator-backstage';
/** The backend's role in the management account. */
export const SUITE_MANAGEMENT_ROLE = 'backstage-ml-environments';
/** The suite's role in member accounts (`memberAccountRoleName`). */
export const SUITE_MEMBER_ROLE = 'ml-environments-member';

type SuitePolicies = Record<
  'management' | 'member' | 'sharedServices' | 'dataLake' | 'launch',
  IdentityPolicy
>;

let loaded: SuitePolicies | undefined;
function suitePolicies(): SuitePolicies {
  if (!loaded) {
    const policies: SuitePolicies = JSON.parse(
      readFileSync(
        fileURLToPath(new URL('../seeds/suite-iam.json', import.meta.url)),
        'utf8',
      ),
    );
    // Checked as a seed's are: a Condition, which the emulator does not
    // evaluate, would make its judgment wrong, so it is refused.
    for (const [principal, policy] of Object.entries(policies)) {
      validateIdentityPolicy(policy, `seeds/suite-iam.json: ${principal}`);
    }
    loaded = policies;
  }
  return loaded;
}

export function seedSuitePrincipals(
  state: EmulatorState,
  managementAccountId: string,
  /** Account ids whose member role has that policy instead of `member`. */
  roles: { sharedServices?: string; dataLake?: string },
) {
  const policies = suitePolicies();
  const session = SUITE_MANAGEMENT_ROLE;
  state.credentials.set(SUITE_ACCESS_KEY, {
    accessKeyId: SUITE_ACCESS_KEY,
    accountId: managementAccountId,
    arn: `arn:aws:sts::${managementAccountId}:assumed-role/${SUITE_MANAGEMENT_ROLE}/${session}`,
    userId: `AROABACKSTAGESUITE00:${session}`,
  });
  const role = (account: string, name: string) =>
    `arn:aws:iam::${account}:role/${name}`;
  state.principalPolicies.set(
    role(managementAccountId, SUITE_MANAGEMENT_ROLE),
    [policies.management],
  );
  state.principalPolicies.set(role('*', SUITE_MEMBER_ROLE), [policies.member]);
  for (const [which, accountId] of Object.entries(roles)) {
    if (accountId) {
      state.principalPolicies.set(role(accountId, SUITE_MEMBER_ROLE), [
        policies[which as keyof SuitePolicies],
      ]);
    }
  }
}

/**
 * The suite's launch role, as its account baseline leaves it, in accounts
 * the seed says the suite already governs (their products launch under a
 * LAUNCH constraint naming it); accounts made later have none until the
 * suite makes it.
 */
export function seedLaunchRoles(
  state: EmulatorState,
  accountIds: string[],
  roleName: string,
) {
  const { launch } = suitePolicies();
  for (const accountId of accountIds) {
    state.principalPolicies.set(`arn:aws:iam::${accountId}:role/${roleName}`, [
      launch,
    ]);
  }
}
