/** Three-valued answers: true, false, or unknown with the reason. */

/** Values a request carries for condition keys. @public */
export type RequestContext = Record<string, string | boolean | string[]>;

/**
 * What a question fixes about its request: the keys' values, and the keys it
 * leaves open (their values depend on who calls, from where and when, e.g.
 * `aws:SourceIp`); a `*` at the end of an open key covers a prefix.
 *
 * @public
 */
export interface RequestQuestion {
  context: RequestContext;
  openKeys?: string[];
  /**
   * Keys the request carries with a value the question does not know (e.g.
   * a template property set from a parameter): `Null` on them is decided,
   * any other operator is unknown.
   */
  presentKeys?: string[];
}

/** An answer that depends on something the question does not fix. @public */
export interface Unknown {
  unknown: string;
}

/** true, false, or unknown with the reason. @public */
export type Truth = boolean | Unknown;

/** @public */
export const isUnknown = (truth: Truth): truth is Unknown =>
  typeof truth === 'object';

/** false wins, then unknown, then true. @public */
export function allOf(truths: Iterable<Truth>): Truth {
  let open: Unknown | undefined;
  for (const truth of truths) {
    if (truth === false) return false;
    if (isUnknown(truth)) open ??= truth;
  }
  return open ?? true;
}

/** true wins, then unknown, then false. @public */
export function anyOf(truths: Iterable<Truth>): Truth {
  let open: Unknown | undefined;
  for (const truth of truths) {
    if (truth === true) return true;
    if (isUnknown(truth)) open ??= truth;
  }
  return open ?? false;
}

/** Unknown stays unknown. */
export const negate = (truth: Truth): Truth =>
  isUnknown(truth) ? truth : !truth;
