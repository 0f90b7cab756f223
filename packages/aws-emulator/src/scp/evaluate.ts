// The emulator's own reading of service control policies. It is kept apart
// from the suite's evaluator on purpose: reusing that one would make the
// emulator blind to the evaluator's mistakes (see docs/aws-emulator.md).
import { AwsError } from '../errors.ts';

/** A request's condition keys and their values, keys in lower case. */
export type RequestValues = Map<string, string[]>;

export interface ScpStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface ScpLevelPolicies {
  /** The root, an OU or the account the policies are attached to. */
  target: string;
  policies: Array<{ arn: string; name: string; statements: ScpStatement[] }>;
}

export type ScpVerdict =
  | { allowed: true }
  | { allowed: false; explicitDeny: { policyArn: string; statement: string } }
  | { allowed: false; noAllowAt: string };

const list = (value: unknown): string[] =>
  value === undefined ? [] : [value].flat().map(String);

/** `*` and `?` wildcards, as IAM matches actions, ARNs and `…Like` values. */
function globMatches(pattern: string, value: string, ignoreCase = false) {
  const wildcards: Record<string, string> = { '*': '.*', '?': '.' };
  const source = pattern
    .split('')
    .map(c => wildcards[c] ?? c.replace(/\W/, '\\$&'))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** `${aws:PrincipalAccount}` in a condition value is the request's value. */
function substitute(value: string, request: RequestValues): string {
  return value.replace(
    /\$\{([^}]+)\}/g,
    (_, key: string) => request.get(key.toLowerCase())?.[0] ?? '',
  );
}

/** An IPv4 or IPv6 address as a number and its width, or undefined. */
function ipValue(text: string): { value: bigint; bits: number } | undefined {
  const address = text.replace(/^::ffff:(?=\d+\.)/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(address)) {
    const parts = address.split('.').map(Number);
    if (parts.some(p => p > 255)) return undefined;
    return {
      value: parts.reduce((v, p) => (v << 8n) + BigInt(p), 0n),
      bits: 32,
    };
  }
  if (!address.includes(':')) return undefined;
  const [head, tail = ''] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = [
    ...groups(head),
    ...Array(address.includes('::') ? missing : 0).fill('0'),
    ...groups(tail),
  ];
  if (all.length !== 8) return undefined;
  return {
    value: all.reduce((v, g) => (v << 16n) + BigInt(parseInt(g, 16)), 0n),
    bits: 128,
  };
}

function inCidr(address: string, cidr: string): boolean {
  const [network, prefix] = cidr.split('/');
  const ip = ipValue(address);
  const net = ipValue(network);
  if (!ip || !net || ip.bits !== net.bits) return false;
  const length = BigInt(prefix ?? ip.bits);
  const shift = BigInt(ip.bits) - length;
  return ip.value >> shift === net.value >> shift;
}

const NEGATED = new Set([
  'NotIpAddress',
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'ArnNotEquals',
  'ArnNotLike',
  'NumericNotEquals',
]);

function compare(base: string, actual: string, expected: string): boolean {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
    case 'ArnEquals':
    case 'ArnNotEquals':
      return actual === expected;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'StringLike':
    case 'StringNotLike':
    case 'ArnLike':
    case 'ArnNotLike':
      return globMatches(expected, actual);
    case 'Bool':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'IpAddress':
    case 'NotIpAddress':
      return inCidr(actual, expected);
    case 'DateEquals':
      return Date.parse(actual) === Date.parse(expected);
    case 'DateLessThan':
      return Date.parse(actual) < Date.parse(expected);
    case 'DateLessThanEquals':
      return Date.parse(actual) <= Date.parse(expected);
    case 'DateGreaterThan':
      return Date.parse(actual) > Date.parse(expected);
    case 'DateGreaterThanEquals':
      return Date.parse(actual) >= Date.parse(expected);
    case 'NumericEquals':
    case 'NumericNotEquals':
      return Number(actual) === Number(expected);
    case 'NumericLessThan':
      return Number(actual) < Number(expected);
    case 'NumericLessThanEquals':
      return Number(actual) <= Number(expected);
    case 'NumericGreaterThan':
      return Number(actual) > Number(expected);
    case 'NumericGreaterThanEquals':
      return Number(actual) >= Number(expected);
    default:
      // Rather fail loudly than answer kinder than AWS.
      throw new AwsError(
        'InternalFailure',
        `The emulator does not evaluate the condition operator ${base}.`,
        { status: 500 },
      );
  }
}

function operatorHolds(
  operator: string,
  block: Record<string, unknown>,
  request: RequestValues,
): boolean {
  const [, set, rest] = /^(ForAnyValue:|ForAllValues:)?(.*)$/.exec(operator)!;
  const ifExists = rest.endsWith('IfExists');
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  return Object.entries(block).every(([key, raw]) => {
    const values = request.get(key.toLowerCase());
    const present = values !== undefined && values.length > 0;
    const expected = list(raw).map(v => substitute(v, request));
    if (base === 'Null') {
      return expected.some(e => (e.toLowerCase() === 'true') === !present);
    }
    if (!present) {
      if (ifExists || set === 'ForAllValues:') return true;
      if (set === 'ForAnyValue:') return false;
      return NEGATED.has(base);
    }
    const negated = NEGATED.has(base);
    const holdsFor = (actual: string) => {
      const hit = expected.some(e => compare(base, actual, e));
      return negated ? !hit : hit;
    };
    if (set === 'ForAllValues:') return values.every(holdsFor);
    if (set === 'ForAnyValue:') return values.some(holdsFor);
    return negated ? values.every(holdsFor) : values.some(holdsFor);
  });
}

/** Whether every operator of a statement's Condition holds for the request. */
export function conditionHolds(
  condition: ScpStatement['Condition'],
  request: RequestValues,
): boolean {
  return Object.entries(condition ?? {}).every(([op, block]) =>
    operatorHolds(op, block as Record<string, unknown>, request),
  );
}

function statementApplies(
  statement: ScpStatement,
  action: string,
  resource: string | undefined,
  request: RequestValues,
): boolean {
  const actionHit = statement.Action
    ? list(statement.Action).some(p => globMatches(p, action, true))
    : !list(statement.NotAction).some(p => globMatches(p, action, true));
  if (!actionHit) return false;
  // Where the emulator does not know the call's resource ARN, only `*`
  // matches it (a documented difference: docs/aws-emulator.md).
  const resourceHit = (p: string) =>
    p === '*' || (resource !== undefined && globMatches(p, resource));
  if (statement.Resource && !list(statement.Resource).some(resourceHit)) {
    return false;
  }
  if (statement.NotResource && list(statement.NotResource).some(resourceHit)) {
    return false;
  }
  return conditionHolds(statement.Condition, request);
}

/**
 * AWS Organizations' rule: an explicit Deny at any level denies; otherwise
 * every level from the root down to the account needs an Allow.
 */
export function judgeScps(
  levels: ScpLevelPolicies[],
  action: string,
  resource: string | undefined,
  request: RequestValues,
): ScpVerdict {
  for (const level of levels) {
    for (const policy of level.policies) {
      const index = policy.statements.findIndex(
        s =>
          s.Effect === 'Deny' && statementApplies(s, action, resource, request),
      );
      if (index >= 0) {
        const statement = policy.statements[index];
        return {
          allowed: false,
          explicitDeny: {
            policyArn: policy.arn,
            statement: statement.Sid ?? `statement ${index + 1}`,
          },
        };
      }
    }
  }
  for (const level of levels) {
    const allows = level.policies.some(policy =>
      policy.statements.some(
        s =>
          s.Effect === 'Allow' &&
          statementApplies(s, action, resource, request),
      ),
    );
    if (!allows) return { allowed: false, noAllowAt: level.target };
  }
  return { allowed: true };
}
