import { PolicyDocument, PolicyStatement } from '../guardrails/types';
import { ScpDecision } from '../schema/openapi/generated/models';
import { actionMatches, conditionHolds, resourceHolds } from './conditions';
import {
  RequestContext,
  RequestQuestion,
  Truth,
  allOf,
  anyOf,
  isUnknown,
} from './truth';

/** The SCPs attached directly to one level: the root, an OU or the account. @public */
export interface ScpLevel {
  /** e.g. `Root`, `OU Workloads/Workloads_Dev`, `account 123456789012` */
  label: string;
  policies: Array<{ name: string; document: PolicyDocument }>;
}

/** A request to judge: the action, its resource, and what the question fixes. @public */
export interface ScpRequest {
  action: string;
  /** Defaults to `*`. */
  resource?: string;
  context?: RequestContext;
  /** Keys whose values the question leaves open (see RequestQuestion). */
  openKeys?: string[];
  /** Keys present with a value the question does not know (see RequestQuestion). */
  presentKeys?: string[];
}

const listOf = (value: unknown): string[] =>
  value === undefined ? [] : [value].flat().map(String);

function statementApplies(
  statement: PolicyStatement,
  action: string,
  resource: string,
  question: RequestQuestion,
): Truth {
  if (!statement || typeof statement !== 'object') {
    return { unknown: 'a statement is not an object' };
  }
  const actionHit = statement.Action
    ? listOf(statement.Action).some(p => actionMatches(p, action))
    : !listOf(statement.NotAction).some(p => actionMatches(p, action));
  if (!actionHit) return false;
  let resourceHit: Truth = true;
  if (statement.Resource) {
    resourceHit = anyOf(
      listOf(statement.Resource).map(p => resourceHolds(p, resource, question)),
    );
  } else if (statement.NotResource) {
    const excluded = anyOf(
      listOf(statement.NotResource).map(p =>
        resourceHolds(p, resource, question),
      ),
    );
    resourceHit = isUnknown(excluded) ? excluded : !excluded;
  }
  return allOf([
    resourceHit,
    resourceHit === false
      ? false
      : conditionHolds(statement.Condition, question),
  ]);
}

const statementName = (statement: PolicyStatement, index: number) =>
  statement?.Sid ?? `statement ${index + 1}`;

const statementsOf = (document: PolicyDocument): PolicyStatement[] =>
  document && typeof document === 'object'
    ? [document.Statement ?? []].flat()
    : [];

type Source = { level: string; policy: string; statement: string };

/**
 * Decides whether SCPs allow an action in an account, the way AWS
 * Organizations does: an explicit Deny at any level denies; otherwise every
 * level, from the root down to the account, needs an Allow. SCPs grant
 * nothing themselves: "allowed" means the SCPs do not stand in the way.
 * Where a statement's effect depends on what the question leaves open, the
 * answer is "unknown" (unless something else already denies).
 *
 * @public
 */
export function evaluateScps(
  chain: ScpLevel[],
  request: ScpRequest,
): ScpDecision {
  const { action, resource = '*' } = request;
  const question: RequestQuestion = {
    context: request.context ?? {},
    openKeys: request.openKeys,
    presentKeys: request.presentKeys,
  };
  const denials: Source[] = [];
  const openDenials: Array<Source & { reason: string }> = [];
  for (const level of chain) {
    for (const policy of level.policies) {
      for (const [index, statement] of statementsOf(
        policy.document,
      ).entries()) {
        if (statement?.Effect !== 'Deny') continue;
        const applies = statementApplies(statement, action, resource, question);
        const source = {
          level: level.label,
          policy: policy.name,
          statement: statementName(statement, index),
        };
        if (applies === true) denials.push(source);
        else if (isUnknown(applies)) {
          openDenials.push({ ...source, reason: applies.unknown });
        }
      }
    }
  }
  const answer = { action, resource, alsoDeniedBy: [] as Source[] };
  if (denials.length > 0) {
    const [first, ...others] = denials;
    const also = others.length
      ? `; also denied by ${others
          .map(d => `${d.policy} on ${d.level}`)
          .join(', ')}`
      : '';
    return {
      ...answer,
      decision: 'denied',
      explanation: `${action} is denied by ${first.policy} (${first.statement}) on ${first.level}${also}`,
      decidedBy: first,
      alsoDeniedBy: others,
    };
  }
  let openAllow: { level: string; reason: string } | undefined;
  for (const level of chain) {
    const allows = anyOf(
      level.policies.flatMap(policy =>
        statementsOf(policy.document)
          .filter(s => s?.Effect === 'Allow')
          .map(s => statementApplies(s, action, resource, question)),
      ),
    );
    if (allows === false) {
      return {
        ...answer,
        decision: 'denied',
        explanation: `${action} is denied on ${
          level.label
        }: none of its SCPs (${
          level.policies.map(p => p.name).join(', ') || 'none'
        }) allows it`,
        decidedBy: { level: level.label, policy: '(no Allow)', statement: '' },
      };
    }
    if (isUnknown(allows))
      openAllow ??= { level: level.label, reason: allows.unknown };
  }
  if (openDenials.length > 0) {
    const [first] = openDenials;
    return {
      ...answer,
      decision: 'unknown',
      explanation: `${action} is unknown: ${first.policy} (${first.statement}) on ${first.level} denies it when it applies, and whether it does is open, because ${first.reason}`,
      decidedBy: first,
    };
  }
  if (openAllow) {
    return {
      ...answer,
      decision: 'unknown',
      explanation: `${action} is unknown: whether an SCP on ${openAllow.level} allows it is open, because ${openAllow.reason}`,
    };
  }
  return {
    ...answer,
    decision: 'allowed',
    explanation: `${action} is allowed: every level from ${
      chain[0]?.label ?? 'the root'
    } down allows it and no SCP denies it`,
  };
}
