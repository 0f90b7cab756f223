import {
  defaultConfig,
  throttlingRuleFor,
  type RunningEmulator,
} from '@mlgov/aws-emulator';

/**
 * The fastest these calls can be served under the rates: each bucket drains
 * its burst at once, then serves `rate` calls a second, and buckets run side
 * by side. Formula: max over buckets of max(0, calls − burst) / rate.
 */
export function lowerBoundSeconds(calls: Record<string, number>) {
  const rules = defaultConfig.throttling.rules;
  const perRule = new Map<string, number>();
  for (const [key, n] of Object.entries(calls)) {
    const rule = throttlingRuleFor(rules, key);
    if (rule) perRule.set(rule, (perRule.get(rule) ?? 0) + n);
  }
  let bound = 0;
  const terms: string[] = [];
  for (const [rule, n] of perRule) {
    const { ratePerSecond, burst } = rules[rule];
    const seconds = Math.max(0, n - burst) / ratePerSecond;
    terms.push(
      `${rule}: (${n} − ${burst}) / ${ratePerSecond}/s = ${seconds.toFixed(
        1,
      )} s`,
    );
    bound = Math.max(bound, seconds);
  }
  return { bound, terms };
}

const pages = (n: number) => Math.max(1, Math.ceil(n / 20));

/**
 * The calls any correct reader of this organization must make, from the
 * emulator's state, not from the calls the suite chose: the OU tree (per
 * parent, its child OUs and its accounts: the only way to every account's
 * OU short of ListParents per account), ListTagsForResource per account (no
 * batch read exists), and each SCP (ListPolicies, DescribePolicy, its
 * targets). Organizations pages by 20.
 */
export function taskCalls(emulator: RunningEmulator) {
  const { ous, accounts, policies, attachments, rootId } = emulator.state;
  const parents = [rootId, ...ous.keys()];
  const childOus = (id: string) =>
    [...ous.values()].filter(o => o.parentId === id).length;
  const childAccounts = (id: string) =>
    [...accounts.values()].filter(a => a.parentId === id).length;
  const scps = [...policies.values()].filter(
    p => p.type === 'SERVICE_CONTROL_POLICY',
  );
  const tree = {
    'organizations:ListRoots': 1,
    'organizations:ListOrganizationalUnitsForParent': parents
      .map(id => pages(childOus(id)))
      .reduce((x, y) => x + y, 0),
    'organizations:ListAccountsForParent': parents
      .map(id => pages(childAccounts(id)))
      .reduce((x, y) => x + y, 0),
  };
  return {
    tree,
    all: {
      ...tree,
      'organizations:ListTagsForResource': accounts.size,
      'organizations:ListPolicies': pages(scps.length),
      'organizations:DescribePolicy': scps.length,
      'organizations:ListTargetsForPolicy': scps
        .map(p => pages(attachments.get(p.id)?.size ?? 0))
        .reduce((x, y) => x + y, 0),
    },
  };
}
