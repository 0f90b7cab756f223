/**
 * IAM condition operators and policy variables, as AWS's policy evaluation
 * logic documents them. Semantics for a key missing from the request:
 * positive operators do not match, negated ones do, `...IfExists` match,
 * `ForAllValues` holds vacuously, and `Null: true` matches. What cannot be
 * judged (an operator nobody documents, a value that is not a date, a key the
 * question leaves open) is `unknown`, with the reason, never a throw.
 */

import {
  RequestContext,
  RequestQuestion,
  Truth,
  allOf,
  anyOf,
  negate,
} from './truth';
import { isOpen, lookup, textMatches } from './policyValues';

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
function inCidr(address: string, block: string): Truth {
  const [base, prefixText] = block.split('/');
  const net = parseIp(base);
  const prefix = prefixText === undefined ? net?.bits : Number(prefixText);
  if (
    !net ||
    prefix === undefined ||
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > net.bits
  ) {
    return {
      unknown: `'${block}' in the policy is not an IP address or CIDR block`,
    };
  }
  const ip = parseIp(address);
  if (!ip || ip.bits !== net.bits) return false;
  const shift = BigInt(net.bits - prefix);
  return ip.value >> shift === net.value >> shift;
}

function numeric(
  compare: (a: number, e: number) => boolean,
): (a: string, e: string) => Truth {
  return (a, e) => {
    const expected = Number(e);
    if (e.trim() === '' || Number.isNaN(expected)) {
      return { unknown: `'${e}' in the policy is not a number` };
    }
    const actual = Number(a);
    return !Number.isNaN(actual) && compare(actual, expected);
  };
}

function date(
  compare: (a: number, e: number) => boolean,
): (a: string, e: string) => Truth {
  return (a, e) => {
    const expected = time(e);
    if (Number.isNaN(expected)) {
      return { unknown: `'${e}' in the policy is not a date` };
    }
    const actual = time(a);
    return !Number.isNaN(actual) && compare(actual, expected);
  };
}

type Comparator = (
  actual: string,
  expected: string,
  question: RequestQuestion,
) => Truth;

const string =
  (wildcards: boolean, ignoreCase = false): Comparator =>
  (a, e, q) =>
    textMatches(a, e, q, { wildcards, ignoreCase });

/** Each operator's base comparison; `negated` ones hold when no value matches. */
const OPERATORS: Record<string, { compare: Comparator; negated: boolean }> = {
  StringEquals: { compare: string(false), negated: false },
  StringNotEquals: { compare: string(false), negated: true },
  StringEqualsIgnoreCase: { compare: string(false, true), negated: false },
  StringNotEqualsIgnoreCase: { compare: string(false, true), negated: true },
  StringLike: { compare: string(true), negated: false },
  StringNotLike: { compare: string(true), negated: true },
  ArnEquals: { compare: string(true), negated: false },
  ArnNotEquals: { compare: string(true), negated: true },
  ArnLike: { compare: string(true), negated: false },
  ArnNotLike: { compare: string(true), negated: true },
  Bool: {
    compare: (a, e) => a.toLowerCase() === e.toLowerCase(),
    negated: false,
  },
  NumericEquals: { compare: numeric((a, e) => a === e), negated: false },
  NumericNotEquals: { compare: numeric((a, e) => a === e), negated: true },
  NumericLessThan: { compare: numeric((a, e) => a < e), negated: false },
  NumericLessThanEquals: {
    compare: numeric((a, e) => a <= e),
    negated: false,
  },
  NumericGreaterThan: { compare: numeric((a, e) => a > e), negated: false },
  NumericGreaterThanEquals: {
    compare: numeric((a, e) => a >= e),
    negated: false,
  },
  DateEquals: { compare: date((a, e) => a === e), negated: false },
  DateNotEquals: { compare: date((a, e) => a === e), negated: true },
  DateLessThan: { compare: date((a, e) => a < e), negated: false },
  DateLessThanEquals: { compare: date((a, e) => a <= e), negated: false },
  DateGreaterThan: { compare: date((a, e) => a > e), negated: false },
  DateGreaterThanEquals: { compare: date((a, e) => a >= e), negated: false },
  BinaryEquals: { compare: (a, e) => a === e, negated: false },
  IpAddress: { compare: inCidr, negated: false },
  NotIpAddress: { compare: inCidr, negated: true },
};

/** Whether one operator block (e.g. `{"StringEquals": {...}}`) holds. */
function operatorHolds(
  operator: string,
  block: Record<string, string | string[]>,
  question: RequestQuestion,
): Truth {
  let name = operator;
  let setOperator: 'ForAnyValue' | 'ForAllValues' | undefined;
  const setMatch = /^(ForAnyValue|ForAllValues):(.+)$/.exec(name);
  if (setMatch) {
    setOperator = setMatch[1] as 'ForAnyValue' | 'ForAllValues';
    name = setMatch[2];
  }
  const ifExists = name !== 'Null' && name.endsWith('IfExists');
  if (ifExists) name = name.slice(0, -'IfExists'.length);
  const comparator = OPERATORS[name];
  if (name !== 'Null' && !comparator) {
    return {
      unknown: `the condition operator ${operator} is not one AWS documents`,
    };
  }
  if (!block || typeof block !== 'object') {
    return { unknown: `the ${operator} condition has no keys` };
  }

  // Every key must hold; any of a key's policy values may match.
  return allOf(
    Object.entries(block).map(([key, expectedRaw]): Truth => {
      const expected = [expectedRaw].flat().map(String);
      const actual = lookup(question.context, key);
      const present = question.presentKeys?.some(
        k => k.toLowerCase() === key.toLowerCase(),
      );
      if (actual === undefined && present) {
        if (name === 'Null') {
          return expected.some(value => value.toLowerCase() !== 'true');
        }
        return {
          unknown: `${operator} on ${key} depends on a value the template does not fix (a parameter without a default, or one CloudFormation learns only while it creates the stack)`,
        };
      }
      if (actual === undefined && isOpen(question, key)) {
        return {
          unknown: `${operator} on ${key} depends on the request's ${key}`,
        };
      }
      if (name === 'Null') {
        return expected.some(
          value => (value.toLowerCase() === 'true') === (actual === undefined),
        );
      }
      if (actual === undefined) {
        if (ifExists) return true;
        if (setOperator === 'ForAllValues') return true; // vacuously, over no values
        if (setOperator === 'ForAnyValue') return false;
        return comparator.negated;
      }
      const valueMatches = (value: string): Truth => {
        const hit = anyOf(
          expected.map(e => comparator.compare(value, e, question)),
        );
        return comparator.negated ? negate(hit) : hit;
      };
      if (setOperator === 'ForAllValues')
        return allOf(actual.map(valueMatches));
      if (setOperator === 'ForAnyValue') return anyOf(actual.map(valueMatches));
      // A single-valued operator on several values: any value may match,
      // except that a negated operator needs all of them to differ.
      return comparator.negated
        ? allOf(actual.map(valueMatches))
        : anyOf(actual.map(valueMatches));
    }),
  );
}

/** Whether a statement's Condition holds for the request (no Condition holds). @public */
export function conditionHolds(
  condition: Record<string, Record<string, string | string[]>> | undefined,
  question: RequestQuestion,
): Truth {
  if (!condition) return true;
  if (typeof condition !== 'object') {
    return { unknown: 'the statement has a Condition that is not an object' };
  }
  return allOf(
    Object.entries(condition).map(([operator, block]) =>
      operatorHolds(operator, block, question),
    ),
  );
}

/**
 * Whether a statement's Condition holds for a request that the context
 * describes in full; unknown counts as not holding.
 *
 * @public
 */
export function conditionMatches(
  condition: Record<string, Record<string, string | string[]>> | undefined,
  context: RequestContext,
): boolean {
  return conditionHolds(condition, { context }) === true;
}

/** Whether an action such as `sagemaker:CreateEndpoint` matches a pattern such as `sagemaker:*Endpoint*` (actions ignore case). @public */
export function actionMatches(pattern: string, action: string): boolean {
  return (
    textMatches(
      action,
      pattern,
      { context: {} },
      {
        wildcards: true,
        ignoreCase: true,
      },
    ) === true
  );
}

/**
 * Whether a resource ARN matches a Resource pattern with `*`, `?` and policy
 * variables (ARNs keep case).
 *
 * @public
 */
export function resourceHolds(
  pattern: string,
  resource: string,
  question: RequestQuestion,
): Truth {
  return textMatches(resource, pattern, question, { wildcards: true });
}

/** {@link resourceHolds} for a request described in full. @public */
export function resourceMatches(pattern: string, resource: string): boolean {
  return resourceHolds(pattern, resource, { context: {} }) === true;
}
