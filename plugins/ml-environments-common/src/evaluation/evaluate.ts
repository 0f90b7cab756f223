import { PolicyDocument, PolicyStatement } from '../guardrails/types';
import {
  RequestContext,
  actionMatches,
  conditionMatches,
  resourceMatches,
} from './conditions';

/** The SCPs attached directly to one level: the root, an OU or the account. @public */
export interface ScpLevel {
  /** e.g. `Root`, `OU Workloads/Workloads_Dev`, `account 123456789012` */
  label: string;
  policies: Array<{ name: string; document: PolicyDocument }>;
}

/** What decided, for people to read. @public */
export interface ScpDecision {
  action: string;
  decision: 'allowed' | 'denied';
  /** Plain words, e.g. "denied by mlgov-deny-sagemaker-hosting (DenySageMakerRealtimeHosting) on OU Workloads/Workloads_Dev". */
  explanation: string;
  decidedBy?: { level: string; policy: string; statement: string };
  /** Further Deny statements that would deny the request on their own. */
  alsoDeniedBy: Array<{ level: string; policy: string; statement: string }>;
}

function statementApplies(
  statement: PolicyStatement,
  action: string,
  resource: string,
  context: RequestContext,
) {
  const actionHit = statement.Action
    ? [statement.Action].flat().some(p => actionMatches(p, action))
    : ![statement.NotAction ?? []].flat().some(p => actionMatches(p, action));
  if (!actionHit) return false;
  let resourceHit = true;
  if (statement.Resource) {
    resourceHit = [statement.Resource]
      .flat()
      .some(p => resourceMatches(p, resource));
  } else if (statement.NotResource) {
    resourceHit = ![statement.NotResource]
      .flat()
      .some(p => resourceMatches(p, resource));
  }
  return resourceHit && conditionMatches(statement.Condition, context);
}

const statementName = (statement: PolicyStatement, index: number) =>
  statement.Sid ?? `statement ${index + 1}`;

/**
 * Decides whether SCPs allow an action in an account, the way AWS
 * Organizations does: an explicit Deny at any level denies; otherwise every
 * level, from the root down to the account, needs an Allow. SCPs grant
 * nothing themselves: "allowed" means the SCPs do not stand in the way.
 *
 * @public
 */
export function evaluateScps(
  chain: ScpLevel[],
  request: { action: string; resource?: string; context?: RequestContext },
): ScpDecision {
  const { action, resource = '*', context = {} } = request;
  const denials: Array<{ level: string; policy: string; statement: string }> =
    [];
  for (const level of chain) {
    for (const policy of level.policies) {
      const statements = [policy.document.Statement].flat();
      for (const [index, statement] of statements.entries()) {
        if (
          statement.Effect === 'Deny' &&
          statementApplies(statement, action, resource, context)
        ) {
          denials.push({
            level: level.label,
            policy: policy.name,
            statement: statementName(statement, index),
          });
        }
      }
    }
  }
  if (denials.length > 0) {
    const [first, ...others] = denials;
    const also = others.length
      ? `; also denied by ${others
          .map(d => `${d.policy} on ${d.level}`)
          .join(', ')}`
      : '';
    return {
      action,
      decision: 'denied',
      explanation: `${action} is denied by ${first.policy} (${first.statement}) on ${first.level}${also}`,
      decidedBy: first,
      alsoDeniedBy: others,
    };
  }
  for (const level of chain) {
    const allows = level.policies.some(policy =>
      [policy.document.Statement]
        .flat()
        .some(
          s =>
            s.Effect === 'Allow' &&
            statementApplies(s, action, resource, context),
        ),
    );
    if (!allows) {
      return {
        action,
        decision: 'denied',
        explanation: `${action} is denied on ${
          level.label
        }: none of its SCPs (${
          level.policies.map(p => p.name).join(', ') || 'none'
        }) allows it`,
        decidedBy: { level: level.label, policy: '(no Allow)', statement: '' },
        alsoDeniedBy: [],
      };
    }
  }
  return {
    action,
    decision: 'allowed',
    explanation: `${action} is allowed: every level from ${
      chain[0]?.label ?? 'the root'
    } down allows it and no SCP denies it`,
    alsoDeniedBy: [],
  };
}
