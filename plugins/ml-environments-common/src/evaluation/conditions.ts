/**
 * IAM condition operators, as far as service control policies use them.
 * Semantics for a key missing from the request: positive operators do not
 * match, negated ones do, `...IfExists` match, and `Null: true` matches.
 */

/** Values a request carries for condition keys. @public */
export type RequestContext = Record<string, string | boolean | string[]>;

const wildcard = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

type Comparator = (actual: string, expected: string) => boolean;

/** A date condition value: ISO 8601 or epoch seconds. */
const time = (value: string) =>
  /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);

/** An IPv4 or IPv6 address as a number, with its width in bits. */
function parseIp(text: string): { bits: number; value: bigint } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some(p => p > 255)) return undefined;
    return {
      bits: 32,
      value: parts.reduce((v, p) => (v << 8n) + BigInt(p), 0n),
    };
  }
  if (!text.includes(':')) return undefined;
  const [head, tail = ''] = text.split('::');
  const groups = (g: string) => (g ? g.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  if (missing < 0 || (!text.includes('::') && missing !== 0)) return undefined;
  const all = [...groups(head), ...Array(missing).fill('0'), ...groups(tail)];
  if (all.some(g => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return {
    bits: 128,
    value: all.reduce((v, g) => (v << 16n) + BigInt(parseInt(g, 16)), 0n),
  };
}

/** Whether an address lies in a CIDR block (or equals a bare address). */
function inCidr(address: string, block: string): boolean {
  const [base, prefixText] = block.split('/');
  const ip = parseIp(address);
  const net = parseIp(base);
  if (!ip || !net || ip.bits !== net.bits) return false;
  const prefix = prefixText === undefined ? net.bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > net.bits) {
    return false;
  }
  const shift = BigInt(net.bits - prefix);
  return ip.value >> shift === net.value >> shift;
}

const COMPARATORS: Record<string, { compare: Comparator; negated: boolean }> = {
  StringEquals: { compare: (a, e) => a === e, negated: false },
  StringNotEquals: { compare: (a, e) => a === e, negated: true },
  StringEqualsIgnoreCase: {
    compare: (a, e) => a.toLowerCase() === e.toLowerCase(),
    negated: false,
  },
  StringNotEqualsIgnoreCase: {
    compare: (a, e) => a.toLowerCase() === e.toLowerCase(),
    negated: true,
  },
  StringLike: { compare: (a, e) => wildcard(e).test(a), negated: false },
  StringNotLike: { compare: (a, e) => wildcard(e).test(a), negated: true },
  ArnEquals: { compare: (a, e) => a === e, negated: false },
  ArnNotEquals: { compare: (a, e) => a === e, negated: true },
  ArnLike: { compare: (a, e) => wildcard(e).test(a), negated: false },
  ArnNotLike: { compare: (a, e) => wildcard(e).test(a), negated: true },
  Bool: {
    compare: (a, e) => a.toLowerCase() === e.toLowerCase(),
    negated: false,
  },
  NumericEquals: { compare: (a, e) => Number(a) === Number(e), negated: false },
  NumericNotEquals: {
    compare: (a, e) => Number(a) === Number(e),
    negated: true,
  },
  NumericLessThan: { compare: (a, e) => Number(a) < Number(e), negated: false },
  NumericGreaterThan: {
    compare: (a, e) => Number(a) > Number(e),
    negated: false,
  },
  NumericLessThanEquals: {
    compare: (a, e) => Number(a) <= Number(e),
    negated: false,
  },
  NumericGreaterThanEquals: {
    compare: (a, e) => Number(a) >= Number(e),
    negated: false,
  },
  DateEquals: { compare: (a, e) => time(a) === time(e), negated: false },
  DateNotEquals: { compare: (a, e) => time(a) === time(e), negated: true },
  DateLessThan: { compare: (a, e) => time(a) < time(e), negated: false },
  DateLessThanEquals: {
    compare: (a, e) => time(a) <= time(e),
    negated: false,
  },
  DateGreaterThan: { compare: (a, e) => time(a) > time(e), negated: false },
  DateGreaterThanEquals: {
    compare: (a, e) => time(a) >= time(e),
    negated: false,
  },
  BinaryEquals: { compare: (a, e) => a === e, negated: false },
  IpAddress: { compare: inCidr, negated: false },
  NotIpAddress: { compare: inCidr, negated: true },
};

function lookup(context: RequestContext, key: string): string[] | undefined {
  // Condition keys are case-insensitive; tag keys after the slash are not.
  const entry = Object.entries(context).find(
    ([k]) => k === key || k.toLowerCase() === key.toLowerCase(),
  );
  if (!entry) return undefined;
  const value = entry[1];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Whether one operator block (e.g. `{"StringEquals": {...}}`) matches. */
function operatorMatches(
  operator: string,
  block: Record<string, string | string[]>,
  context: RequestContext,
): boolean {
  let name = operator;
  let setOperator: 'ForAnyValue' | 'ForAllValues' | undefined;
  const setMatch = /^(ForAnyValue|ForAllValues):(.+)$/.exec(name);
  if (setMatch) {
    setOperator = setMatch[1] as 'ForAnyValue' | 'ForAllValues';
    name = setMatch[2];
  }
  const ifExists = name.endsWith('IfExists');
  if (ifExists) name = name.slice(0, -'IfExists'.length);

  // Every key must match; any of a key's values may.
  return Object.entries(block).every(([key, expectedRaw]) => {
    const expected = [expectedRaw].flat().map(String);
    const actual = lookup(context, key);
    if (name === 'Null') {
      // Any of the listed values may hold.
      return expected.some(
        value => (value.toLowerCase() === 'true') === (actual === undefined),
      );
    }
    const comparator = COMPARATORS[name];
    if (!comparator) {
      throw new Error(
        `Condition operator ${operator} is not supported by the evaluator`,
      );
    }
    if (actual === undefined) {
      if (ifExists) return true;
      if (setOperator === 'ForAllValues') return true; // vacuously true over no values
      if (setOperator === 'ForAnyValue') return false;
      return comparator.negated;
    }
    const matchesValue = (value: string) => {
      const hit = expected.some(e => comparator.compare(value, e));
      return comparator.negated ? !hit : hit;
    };
    if (setOperator === 'ForAllValues') return actual.every(matchesValue);
    if (setOperator === 'ForAnyValue') return actual.some(matchesValue);
    // A single-valued operator on several values: any value may match, except
    // that a negated operator needs all of them to differ.
    return comparator.negated
      ? actual.every(matchesValue)
      : actual.some(matchesValue);
  });
}

/** Whether a statement's Condition holds for the request (no Condition holds). */
export function conditionMatches(
  condition: Record<string, Record<string, string | string[]>> | undefined,
  context: RequestContext,
): boolean {
  if (!condition) return true;
  return Object.entries(condition).every(([operator, block]) =>
    operatorMatches(operator, block, context),
  );
}

/** Whether an action such as `sagemaker:CreateEndpoint` matches a pattern such as `sagemaker:*Endpoint*` (actions ignore case). */
export function actionMatches(pattern: string, action: string): boolean {
  return new RegExp(wildcard(pattern).source, 'i').test(action);
}

/** Whether a resource ARN matches a pattern with * and ? (ARNs keep case). */
export function resourceMatches(pattern: string, resource: string): boolean {
  return wildcard(pattern).test(resource);
}
