import { GuardrailExemption, PolicyDocument } from '../guardrails/types';

/**
 * The carve-out an exception stands for; callers pass only active ones.
 *
 * @public
 */
export function exemptionOf(exception: {
  id: string;
  guardrailId: string;
  accountId: string;
  endsAt: string;
  reason: string;
}): GuardrailExemption {
  return {
    guardrailId: exception.guardrailId,
    accountId: exception.accountId,
    exceptionId: exception.id,
    endsAt: exception.endsAt,
    reason: exception.reason,
  };
}

/**
 * The condition key that carves accounts out of a Deny statement. SCPs have no
 * condition key for an account's tags, so the exception names the account of
 * the calling principal, which only the organization can change.
 */
const CARVE_OUT_KEY = 'aws:PrincipalAccount';
const CARVE_OUT_OPERATOR = 'StringNotEquals';

/** The accounts a guardrail's exemptions lift out of it, sorted and distinct. */
export function exemptAccountsOf(
  guardrailId: string,
  exemptions: readonly GuardrailExemption[] = [],
): string[] {
  return [
    ...new Set(
      exemptions
        .filter(e => e.guardrailId === guardrailId)
        .map(e => e.accountId),
    ),
  ].sort();
}

/**
 * The document with the accounts lifted out of every Deny statement: the
 * condition is ANDed with the statement's own, so everywhere else the
 * statement denies exactly as before.
 *
 * @public
 */
export function withAccountCarveOut(
  document: PolicyDocument,
  accountIds: readonly string[],
): PolicyDocument {
  if (accountIds.length === 0) return document;
  return {
    ...document,
    Statement: document.Statement.map(statement => {
      if (statement.Effect !== 'Deny') return statement;
      const condition = statement.Condition ?? {};
      return {
        ...statement,
        Condition: {
          ...condition,
          [CARVE_OUT_OPERATOR]: {
            ...condition[CARVE_OUT_OPERATOR],
            [CARVE_OUT_KEY]: [...accountIds],
          },
        },
      };
    }),
  };
}

/**
 * The accounts a document (as AWS holds it) lifts out of its Deny
 * statements, for telling a stale or unapproved carve-out from other drift.
 */
export function carvedOutAccounts(content: string): string[] {
  let document: Partial<PolicyDocument>;
  try {
    document = JSON.parse(content);
  } catch {
    return [];
  }
  const statements = Array.isArray(document.Statement)
    ? document.Statement
    : [];
  const accounts = statements.flatMap(s => {
    const value = s?.Condition?.[CARVE_OUT_OPERATOR]?.[CARVE_OUT_KEY];
    if (value === undefined) return [];
    return Array.isArray(value) ? value : [value];
  });
  return [...new Set(accounts)].sort();
}
