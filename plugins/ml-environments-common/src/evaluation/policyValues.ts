import { RequestContext, RequestQuestion, Truth, Unknown } from './truth';

/** Policy values: literal text, `*` and `?` wildcards, and `${...}` variables. */

const escapeRegex = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Pieces of a policy value: literal text, wildcards and policy variables. */
type Piece =
  | { literal: string }
  | { wildcard: '*' | '?' }
  | { variable: string; fallback?: string };

// `${key}` or `${key, 'default'}`; `${*}`, `${?}` and `${$}` are escapes.
const VARIABLE = /\$\{([^}]*)\}/g;

function piecesOf(value: string, wildcards: boolean): Piece[] {
  const pieces: Piece[] = [];
  const addText = (text: string) => {
    if (!wildcards) {
      if (text) pieces.push({ literal: text });
      return;
    }
    for (const part of text.split(/([*?])/)) {
      if (part === '*' || part === '?') pieces.push({ wildcard: part });
      else if (part) pieces.push({ literal: part });
    }
  };
  let last = 0;
  for (const match of value.matchAll(VARIABLE)) {
    addText(value.slice(last, match.index));
    last = match.index! + match[0].length;
    const inner = match[1].trim();
    if (inner === '*' || inner === '?' || inner === '$') {
      pieces.push({ literal: inner });
      continue;
    }
    const withDefault = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(inner);
    pieces.push(
      withDefault
        ? { variable: withDefault[1], fallback: withDefault[2] }
        : { variable: inner },
    );
  }
  addText(value.slice(last));
  return pieces;
}

/** Whether a key is one the question leaves open. */
export function isOpen(question: RequestQuestion, key: string) {
  const lower = key.toLowerCase();
  return (question.openKeys ?? []).some(open => {
    const o = open.toLowerCase();
    return o.endsWith('*') ? lower.startsWith(o.slice(0, -1)) : o === lower;
  });
}

export function lookup(
  context: RequestContext,
  key: string,
): string[] | undefined {
  // Condition keys are case-insensitive.
  const entry = Object.entries(context).find(
    ([k]) => k === key || k.toLowerCase() === key.toLowerCase(),
  );
  if (!entry) return undefined;
  const value = entry[1];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/**
 * A policy value with its variables filled in from the request, as a regular
 * expression source (`wildcards`: `*` and `?` match) or literal text. A
 * variable whose key the request lacks and that has no default matches
 * nothing; one the question leaves open is unknown.
 */
export function resolve(
  value: string,
  question: RequestQuestion,
  wildcards: boolean,
): { source: string } | { nothing: true } | Unknown {
  let source = '';
  for (const piece of piecesOf(value, wildcards)) {
    if ('literal' in piece) source += escapeRegex(piece.literal);
    else if ('wildcard' in piece) source += piece.wildcard === '*' ? '.*' : '.';
    else {
      const values = lookup(question.context, piece.variable);
      if (values && values.length === 1) {
        source += escapeRegex(values[0]);
      } else if (piece.fallback !== undefined && !values) {
        if (isOpen(question, piece.variable)) {
          return {
            unknown: `the policy variable \${${piece.variable}} depends on the request`,
          };
        }
        source += escapeRegex(piece.fallback);
      } else if (!values && isOpen(question, piece.variable)) {
        return {
          unknown: `the policy variable \${${piece.variable}} depends on the request`,
        };
      } else {
        // Absent, or multivalued: AWS substitutes single values only.
        return { nothing: true };
      }
    }
  }
  return { source };
}

/** Whether a value matches a policy value with variables and, optionally, wildcards. */
export function textMatches(
  actual: string,
  expected: string,
  question: RequestQuestion,
  options: { wildcards: boolean; ignoreCase?: boolean },
): Truth {
  const resolved = resolve(expected, question, options.wildcards);
  if ('unknown' in resolved) return resolved;
  if ('nothing' in resolved) return false;
  return new RegExp(
    `^${resolved.source}$`,
    options.ignoreCase ? 'si' : 's',
  ).test(actual);
}
