// Whether what a project's products launched still fits its account's
// guardrails: each resource, as AWS reports it now, judged as if it were
// being created today. A Studio domain switched to public internet in a
// Workloads account is then drift of require-vpc, with what to do.
import { scpName } from '../guardrails/library';
import { checkTemplate } from '../products/checkTemplate';
import { GuardrailStatus } from '../schema/openapi/generated/models';
import { scpChainFor } from './effective';
import { OrganizationSnapshot } from './snapshot';

/** One resource the account's SCPs would deny as it is now. @public */
export interface ConformanceProblem {
  product: string;
  resource: string;
  physicalId: string;
  policy: string;
  statement?: string;
  reason: string;
}

/** @public */
export function conformanceProblems(
  snapshot: OrganizationSnapshot,
  accountId: string,
): ConformanceProblem[] {
  const products = snapshot.products.filter(
    p => p.accountId === accountId && p.resources?.length,
  );
  if (products.length === 0) return [];
  const chain = scpChainFor(snapshot, accountId);
  return products.flatMap(product => {
    const resources = product.resources!;
    const { findings } = checkTemplate(chain, {
      Resources: Object.fromEntries(
        resources.map(r => [
          r.logicalId,
          { Type: r.type, Properties: r.properties },
        ]),
      ),
    });
    return findings.flatMap(f =>
      f.decision === 'denied' && f.policy
        ? [
            {
              product: product.name,
              resource: f.resource,
              physicalId:
                resources.find(r => r.logicalId === f.resource)?.physicalId ??
                f.resource,
              policy: f.policy,
              statement: f.statement,
              reason: f.reason,
            },
          ]
        : [],
    );
  });
}

/**
 * The account's guardrails with conformance drift: a guardrail in force
 * whose SCP would deny a launched resource as it is now is drifted, saying
 * which resource and what to do. Excepted guardrails stay excepted.
 *
 * @public
 */
export function withConformance(
  guardrails: GuardrailStatus[],
  problems: ConformanceProblem[],
): GuardrailStatus[] {
  return guardrails.map(g => {
    const mine = problems.filter(p => p.policy === scpName(g.guardrailId));
    if (mine.length === 0 || g.state !== 'ok') return g;
    return {
      ...g,
      state: 'drifted',
      reason: mine
        .map(
          p =>
            `${p.resource} ${p.physicalId} of product ${p.product} no longer conforms: ${p.reason}. Set it back to what ${p.policy} (${p.statement}) requires, or terminate the product and provision it again`,
        )
        .join('; '),
    };
  });
}
