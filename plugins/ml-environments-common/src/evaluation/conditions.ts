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
      const wantsAbsent = expected[0].toLowerCase() === 'true';
      return wantsAbsent === (actual === undefined);
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
