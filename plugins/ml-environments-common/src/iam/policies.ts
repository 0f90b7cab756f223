// The IAM policies of the suite's principals, the one source the docs, the
// pre-flight checks and the emulator's seeded policies are generated from.
// No imports but its own statements (each principal's in statements/) and
// the launch role's name, so
// scripts/iam-policies.mjs can load it with Node's type stripping.
import type {
  StatementSource,
  SuiteFlow,
  SuitePolicyDocument,
  SuitePolicyOptions,
  SuitePrincipal,
} from './policyTypes.ts';
import { MANAGEMENT_STATEMENTS } from './statements/management.ts';
import { MEMBER_STATEMENTS } from './statements/member.ts';
import { SHARED_SERVICES_STATEMENTS } from './statements/sharedServices.ts';
import { DATA_LAKE_STATEMENTS } from './statements/dataLake.ts';
import { LAUNCH_STATEMENTS } from './statements/launch.ts';
import { DEFAULT_LAUNCH_ROLE_NAME } from './launchRole.ts';

export type {
  SuiteFlow,
  SuitePolicyDocument,
  SuitePolicyOptions,
  SuitePolicyStatement,
  SuitePrincipal,
} from './policyTypes.ts';

/** Every statement of every principal, with the flows that need it. */
const STATEMENTS: StatementSource[] = [
  ...MANAGEMENT_STATEMENTS,
  ...MEMBER_STATEMENTS,
  ...SHARED_SERVICES_STATEMENTS,
  ...DATA_LAKE_STATEMENTS,
  ...LAUNCH_STATEMENTS,
];

const DEFAULTS: Required<SuitePolicyOptions> = {
  partition: 'aws',
  memberAccountRoleName: 'OrganizationAccountAccessRole',
  closeAccounts: true,
  eventsQueue: 'ml-governance-events',
  templatesBucket: 'mlgov-products-*',
  // Written in the docs as a placeholder: the suite passes the account.
  templatesAccount: '<sharedServicesAccountId>',
  launchRoleName: DEFAULT_LAUNCH_ROLE_NAME,
};

function withDefaults(options: SuitePolicyOptions) {
  const given = Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  );
  return { ...DEFAULTS, ...given } as Required<SuitePolicyOptions>;
}

/**
 * The identity policy a principal of the suite needs for every flow: what
 * docs/deployment.md prints and the emulator enforces. The only conditions
 * keep the S3 statements to buckets of the expected account
 * (`s3:ResourceAccount`), since bucket names are anyone's to take.
 *
 * @public
 */
export function suitePolicy(
  principal: SuitePrincipal,
  options: SuitePolicyOptions = {},
): SuitePolicyDocument {
  const o = withDefaults(options);
  return {
    Version: '2012-10-17',
    Statement: STATEMENTS.filter(
      s => s.principal === principal && (s.when?.(o) ?? true),
    ).map(s => ({
      Sid: s.sid,
      Effect: 'Allow',
      Action: [...s.actions].sort(),
      Resource: s.resource?.(o) ?? '*',
      ...(s.condition ? { Condition: s.condition(o) } : {}),
    })),
  };
}

/**
 * The actions a principal needs for one flow, e.g. for IAM's policy
 * simulator before the flow's first change.
 *
 * @public
 */
export function suiteActionsFor(
  principal: SuitePrincipal,
  flow: SuiteFlow,
  options: SuitePolicyOptions = {},
): string[] {
  const o = withDefaults(options);
  const actions = STATEMENTS.filter(
    s =>
      s.principal === principal &&
      s.flows.includes(flow) &&
      (s.when?.(o) ?? true),
  ).flatMap(s => s.actions);
  return [...new Set(actions)].sort();
}

/**
 * The principals of the suite, in the order the docs give them.
 *
 * @public
 */
export const SUITE_PRINCIPALS: readonly SuitePrincipal[] = [
  'management',
  'member',
  'sharedServices',
  'dataLake',
  'launch',
];
