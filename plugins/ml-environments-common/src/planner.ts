import {
  DEFAULT_GUARDRAIL_PARAMETERS,
  GUARDRAILS,
  scpOfGuardrail,
} from './guardrails/library';
import { GuardrailBaseline, DEFAULT_BASELINE } from './guardrails/baseline';
import { GuardrailParameters } from './guardrails/types';
import { getAccountPattern, isAccountPatternId } from './patterns';
import { AccountStage } from './schema/openapi/generated/models';
import {
  validateAccountEmail,
  validateCostCenter,
  validateDatasetName,
  validateGroupRef,
  validateProjectSlug,
} from './validation';
import { parseOuPath } from './ouPath';
import { ACCOUNT_TAGS } from './accountTags';
import { planProduct } from './productPlans';
import {
  PlannedAccount,
  PlannedPolicy,
  PlannedTarget,
  ProjectRequest,
  ProvisioningPlan,
} from './planTypes';

export { productLaunchWaves } from './productPlans';
export type {
  PlannedAccount,
  PlannedPolicy,
  PlannedProduct,
  PlannedTarget,
  ProductInput,
  ProjectRequest,
  ProvisioningPlan,
} from './planTypes';

/** Problems with a request, each saying what is wrong and how to fix it. @public */
export function validateProjectRequest(request: ProjectRequest): string[] {
  const problems: string[] = [];
  if (!isAccountPatternId(request.pattern)) {
    problems.push(
      `pattern '${request.pattern}' is not one of sandbox, dev, mlops`,
    );
    return problems;
  }
  const slugProblem = validateProjectSlug(request.project ?? '');
  if (slugProblem) problems.push(`project: ${slugProblem}`);
  const ownerProblem = validateGroupRef(request.owner);
  if (ownerProblem) problems.push(ownerProblem);
  const costCenterProblem = validateCostCenter(request.costCenter);
  if (costCenterProblem) problems.push(`costCenter: ${costCenterProblem}`);
  if (!request.accountEmailTemplate?.includes('{stage}')) {
    problems.push(
      `accountEmailTemplate must contain {stage}, since every account needs its own email, e.g. aws+{project}-{stage}@example.com`,
    );
  } else if (!slugProblem) {
    const emailProblem = getAccountPattern(request.pattern)
      .accounts.map(({ stage }) =>
        validateAccountEmail(accountEmail(request, stage)),
      )
      .find(Boolean);
    if (emailProblem) {
      problems.push(`${emailProblem}; change accountEmailTemplate`);
    }
  }
  if (request.pattern === 'sandbox') {
    const limit = request.sandbox?.spendingLimitUsd;
    if (typeof limit !== 'number' || !(limit > 0) || limit > 1_000_000) {
      problems.push(
        'sandbox.spendingLimitUsd must be a number of US dollars above 0 (and at most 1,000,000)',
      );
    }
    if (validateAccountEmail(request.sandbox?.alertEmail ?? '')) {
      problems.push(
        `sandbox.alertEmail '${
          request.sandbox?.alertEmail ?? ''
        }' is not an email address`,
      );
    }
  }
  if (request.pattern === 'dev') {
    for (const dataset of request.dev?.datasets ?? []) {
      const problem = validateDatasetName(dataset);
      if (problem) problems.push(`dev.datasets: ${problem}`);
    }
  }
  return problems;
}

function accountEmail(request: ProjectRequest, stage: AccountStage) {
  return request.accountEmailTemplate
    .replaceAll('{project}', request.project)
    .replaceAll('{stage}', stage);
}

/** OU paths and all their ancestors, parents first. */
function withAncestors(paths: string[]): string[] {
  const all = new Set<string>();
  for (const path of paths) {
    const parsed = parseOuPath(path);
    if (!parsed.ok) throw new Error(parsed.message);
    parsed.names.forEach((_, i) =>
      all.add(parsed.names.slice(0, i + 1).join('/')),
    );
  }
  return [...all].sort(
    (a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b),
  );
}

/**
 * A request that cannot be planned, with every problem it has (each says
 * what is wrong and how to fix it).
 *
 * @public
 */
export class InvalidProjectRequestError extends Error {
  readonly name = 'InvalidProjectRequestError';

  constructor(readonly problems: string[]) {
    super(`The ML project request is invalid:\n- ${problems.join('\n- ')}`);
  }
}

/**
 * Turns a request into the exact OUs, accounts, policies, controls and
 * products to provision, with each one's purpose, title and rationale.
 * Throws InvalidProjectRequestError, naming every problem, when the request
 * is invalid.
 *
 * @public
 */
export function planProject(
  request: ProjectRequest,
  options: {
    baseline?: GuardrailBaseline;
    parameters?: Partial<GuardrailParameters>;
  } = {},
): ProvisioningPlan {
  const problems = validateProjectRequest(request);
  if (problems.length > 0) {
    throw new InvalidProjectRequestError(problems);
  }
  const baseline = options.baseline ?? DEFAULT_BASELINE;
  const parameters = { ...DEFAULT_GUARDRAIL_PARAMETERS, ...options.parameters };
  const pattern = getAccountPattern(request.pattern);

  const accounts: PlannedAccount[] = pattern.accounts.map(a => ({
    stage: a.stage,
    purpose: a.purpose,
    name: `${request.project}-${a.stage}`,
    email: accountEmail(request, a.stage),
    ouPath: a.ouPath,
    tags: {
      [ACCOUNT_TAGS.project]: request.project,
      [ACCOUNT_TAGS.pattern]: request.pattern,
      [ACCOUNT_TAGS.stage]: a.stage,
      [ACCOUNT_TAGS.costCenter]: request.costCenter,
      [ACCOUNT_TAGS.owner]: request.owner,
    },
  }));
  const organizationalUnits = withAncestors(accounts.map(a => a.ouPath));

  // Guardrails for the root and every OU the project's accounts live under.
  const scopes = ['Root', ...organizationalUnits];
  const policies = new Map<string, PlannedPolicy>();
  const controls: ProvisioningPlan['controls'] = [];
  for (const scope of scopes) {
    for (const id of baseline[scope] ?? []) {
      const guardrail = GUARDRAILS.find(g => g.id === id);
      if (!guardrail) throw new Error(`${scope}: unknown guardrail '${id}'`);
      if (guardrail.kind === 'control') {
        controls.push({
          controlId: id,
          ouPath: scope,
          title: guardrail.title,
          rationale: guardrail.rationale,
        });
        continue;
      }
      const target: PlannedTarget =
        scope === 'Root' ? { type: 'root' } : { type: 'ou', path: scope };
      const existing = policies.get(id);
      if (existing) {
        existing.targets.push(target);
      } else {
        policies.set(id, {
          guardrailId: id,
          title: guardrail.title,
          rationale: guardrail.rationale,
          ...scpOfGuardrail(guardrail, parameters),
          targets: [target],
        });
      }
    }
  }

  const products = pattern.products.map(({ product, stage }) =>
    planProduct(request, product, stage),
  );

  return {
    request,
    organizationalUnits,
    accounts,
    policies: [...policies.values()],
    controls,
    products,
    budget: pattern.budgetStage
      ? {
          stage: pattern.budgetStage,
          name: `${request.project}-spending-limit`,
          limitUsd: request.sandbox!.spendingLimitUsd,
          alertEmail: request.sandbox!.alertEmail,
        }
      : undefined,
  };
}
