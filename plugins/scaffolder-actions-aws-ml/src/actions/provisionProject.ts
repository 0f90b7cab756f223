import { DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { paginateSearchProductsAsAdmin } from '@aws-sdk/client-service-catalog';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ACCOUNT_TAGS,
  AccountStage,
  ML_ENVIRONMENTS_TOPICS,
  ProjectRequest,
  ProvisioningPlan,
  findGuardrail,
  getAccountPattern,
  managementActionsFor,
  planProject,
  validateProjectRequest,
} from '@mlgov/plugin-ml-environments-common';
import {
  ControlTowerRestClient,
  MlProvisioningConfig,
  allPages,
  checkManagementPermissions,
  checkScpQuota,
  accountsByEmail,
  readOrganizationTags,
  validateScpContent,
} from '@mlgov/plugin-ml-environments-node';
import { ensureBudget } from '../aws/budgets';
import {
  ensureAccountsEnrolled,
  ensureControlsEnabled,
  ensureOuRegistered,
} from '../aws/controlTower';
import {
  DRY_RUN_ID,
  ensureAccount,
  ensureOuPath,
  ensurePoliciesAttached,
  findOu,
  getRootId,
  reportAccountPlacement,
} from '../aws/organizations';
import {
  hasAcceptedPortfolio,
  ensurePortfolioAccepted,
  ensurePortfolioShared,
  ensureProductProvisioned,
  findOwnPortfolio,
} from '../aws/serviceCatalog';
import { Step, stepOf, throwIfAborted } from '../aws/step';
import { claimProject } from './authority';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './provisionProject.examples';

const targetKey = (
  t: ProvisioningPlan['policies'][number]['targets'][number],
) => (t.type === 'ou' ? t.path : t.type);

/** Control Tower must have a landing zone, not drifting, in the Region. */
async function controlTowerProblems(
  controlTower: ControlTowerRestClient,
): Promise<string[]> {
  const landingZoneArn = await controlTower.findLandingZone();
  if (!landingZoneArn) {
    return [
      'AWS Control Tower has no landing zone in this Region (ListLandingZones is empty): set up Control Tower, or point mlEnvironments.aws.region at its home Region',
    ];
  }
  const landingZone = await controlTower.getLandingZone(landingZoneArn);
  if (landingZone.driftStatus?.status === 'DRIFTED') {
    return [
      `The Control Tower landing zone ${landingZone.arn} has drifted: repair it in the Control Tower console first`,
    ];
  }
  return [];
}

/**
 * Waits for every step run side by side, then throws the first failure: a
 * failure is reported only once nothing is still changing AWS.
 */
async function settleAll<T>(steps: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(steps);
  const failed = settled.find(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (failed) throw failed.reason;
  return settled.map(r => (r as PromiseFulfilledResult<T>).value);
}

/** The action's input, as its schema below declares it. */
export interface ProvisionProjectInput {
  pattern: ProjectRequest['pattern'];
  project: string;
  owner: string;
  costCenter: string;
  accountEmailTemplate?: string;
  spendingLimitUsd?: number;
  alertEmail?: string;
  datasets?: string[];
  prodApprovalRequired?: boolean;
}

/** The project request a task's input stands for, with configured defaults. */
export function requestFromInput(
  input: ProvisionProjectInput,
  provisioning: MlProvisioningConfig,
): ProjectRequest {
  return {
    pattern: input.pattern,
    project: input.project,
    owner: input.owner,
    costCenter: input.costCenter,
    accountEmailTemplate:
      input.accountEmailTemplate ?? provisioning.accountEmailTemplate ?? '',
    sandbox:
      input.pattern === 'sandbox'
        ? {
            spendingLimitUsd: input.spendingLimitUsd as number,
            alertEmail: input.alertEmail ?? '',
          }
        : undefined,
    dev:
      input.pattern === 'dev' ? { datasets: input.datasets ?? [] } : undefined,
    mlops:
      input.pattern === 'mlops'
        ? { prodApprovalRequired: input.prodApprovalRequired ?? true }
        : undefined,
  };
}

/** Everything that would make the provisioning fail, found before any change. */
async function preflight(
  plan: ProvisioningPlan,
  clients: AwsMlActionDeps['clients'],
  provisioning: MlProvisioningConfig,
  logger: LoggerService,
  byEmail: Map<string, { Id?: string; Name?: string }>,
): Promise<string[]> {
  const org = await clients.organizations();
  const controlTower = await clients.controlTower();
  const problems = (
    await Promise.all(
      plan.policies.map(p => validateScpContent(p.name, p.content)),
    )
  ).flat();

  for (const account of plan.accounts) {
    const existing = byEmail.get(account.email.toLowerCase());
    if (!existing) continue;
    const tags = await readOrganizationTags(org, existing.Id!);
    const ours =
      tags[ACCOUNT_TAGS.project] === account.tags[ACCOUNT_TAGS.project] &&
      tags[ACCOUNT_TAGS.stage] === account.stage;
    if (!ours) {
      problems.push(
        `Email ${account.email} already belongs to account ${existing.Id} (${
          existing.Name
        }), which is not the ${account.stage} account of ${
          account.tags[ACCOUNT_TAGS.project]
        }; choose another account email template`,
      );
    }
  }

  const namesByTarget = new Map<string, string[]>();
  for (const policy of plan.policies) {
    for (const target of policy.targets) {
      const key = targetKey(target);
      namesByTarget.set(key, [...(namesByTarget.get(key) ?? []), policy.name]);
    }
  }
  for (const [key, names] of namesByTarget) {
    const id =
      key === 'root' ? await getRootId(org) : (await findOu(org, key))?.Id;
    let problem: string | undefined;
    if (id) {
      const label = key === 'root' ? 'The root' : `OU ${key}`;
      problem = await checkScpQuota(
        org,
        { id, label },
        names,
        provisioning.scpQuota,
      );
    } else if (names.length + 1 > provisioning.scpQuota) {
      // A new OU starts with FullAWSAccess only.
      problem = `OU ${key} would need ${
        names.length + 1
      } SCPs, over the quota of ${provisioning.scpQuota}`;
    }
    if (problem) problems.push(problem);
  }

  problems.push(...(await controlTowerProblems(controlTower)));
  problems.push(...(await permissionProblems(plan, clients, logger)));
  if (plan.budget) problems.push(...(await budgetsProblems(clients)));

  if (plan.products.length > 0 && !provisioning.serviceCatalog) {
    problems.push(
      'This pattern provisions Service Catalog products, but mlEnvironments.serviceCatalog is not configured',
    );
  } else if (plan.products.length > 0 && provisioning.serviceCatalog) {
    problems.push(
      ...(await serviceCatalogProblems(
        plan,
        clients,
        provisioning.serviceCatalog,
      )),
    );
  }
  return problems;
}

/**
 * The actions the plan needs from the management account, as IAM's policy
 * simulator decides them. A simulation that cannot run is a warning, not a
 * refusal: the check needs iam:SimulatePrincipalPolicy, which the calls
 * themselves do not.
 */
async function permissionProblems(
  plan: ProvisioningPlan,
  clients: AwsMlActionDeps['clients'],
  logger: LoggerService,
): Promise<string[]> {
  const check = await checkManagementPermissions(
    clients,
    managementActionsFor(plan),
  );
  if (!check.checked) {
    logger.warn(
      `The management account's permissions could not be checked before the first change (${check.reason}); allow iam:SimulatePrincipalPolicy, or set mlEnvironments.aws.managementPrincipalArn, to have them checked`,
    );
    return [];
  }
  if (check.denied.length === 0) return [];
  return [
    `${check.principalArn} may not call ${check.denied.join(
      ', ',
    )}, which this plan needs (IAM policy simulation); grant them to it (see docs/deployment.md for the full policy)`,
  ];
}

/** The sandbox's spending limit needs AWS Budgets. */
async function budgetsProblems(
  clients: AwsMlActionDeps['clients'],
): Promise<string[]> {
  try {
    const { accountId } = await clients.managementIdentity();
    await (
      await clients.managementBudgets()
    ).send(new DescribeBudgetsCommand({ AccountId: accountId, MaxResults: 1 }));
    return [];
  } catch (error) {
    return [
      `AWS Budgets, which sets the sandbox's spending limit, cannot be used: ${
        (error as Error).message
      }; check mlEnvironments.aws.endpoint and that the management account may call budgets:ViewBudget`,
    ];
  }
}

/** The portfolio and the plan's products are there, in the shared services account. */
async function serviceCatalogProblems(
  plan: ProvisioningPlan,
  clients: AwsMlActionDeps['clients'],
  catalog: NonNullable<MlProvisioningConfig['serviceCatalog']>,
): Promise<string[]> {
  try {
    const owner = await clients.forAccount(catalog.sharedServicesAccountId);
    const portfolioId = await findOwnPortfolio(
      owner.serviceCatalog,
      catalog.portfolio,
    );
    const products = await allPages(
      paginateSearchProductsAsAdmin(
        { client: owner.serviceCatalog },
        { PortfolioId: portfolioId },
      ),
      page => page.ProductViewDetails,
    );
    const offered = new Set(products.map(p => p.ProductViewSummary?.Name));
    return plan.products
      .map(p =>
        p.product === 'sagemaker-studio-domain'
          ? catalog.products.studioDomain
          : catalog.products.mlopsPipeline,
      )
      .filter((name, i, all) => all.indexOf(name) === i && !offered.has(name))
      .map(
        name =>
          `Portfolio '${catalog.portfolio}' in ${catalog.sharedServicesAccountId} has no product '${name}'; add it, or fix mlEnvironments.serviceCatalog.products`,
      );
  } catch (error) {
    return [
      `Service Catalog in the shared services account ${
        catalog.sharedServicesAccountId
      } cannot be used: ${(error as Error).message}`,
    ];
  }
}

async function execute(
  plan: ProvisioningPlan,
  deps: AwsMlActionDeps,
  step: Step,
  /** The organization's accounts by email, read once at the start of the run. */
  byEmail: Map<string, { Id?: string }>,
) {
  const org = await deps.clients.organizations();
  const ous = new Map<string, { id: string; arn: string }>();
  for (const path of plan.organizationalUnits) {
    throwIfAborted(step, 'creating OUs');
    ous.set(path, await ensureOuPath(org, path, step));
  }

  // Controls and Account Factory work only on OUs registered with Control Tower.
  const controlTower = await deps.clients.controlTower();
  for (const path of plan.organizationalUnits) {
    throwIfAborted(step, 'registering OUs');
    await ensureOuRegistered(
      controlTower,
      { arn: ous.get(path)!.arn, path },
      step,
    );
  }

  // The accounts made side by side: a pattern plans at most 4, within
  // Organizations' 5 concurrent creations.
  throwIfAborted(step, 'creating accounts');
  // Every creation settles before a failure is reported, so the report
  // sees where each account ended.
  const made = await settleAll(
    plan.accounts.map(account =>
      ensureAccount(org, account, step, {
        ou: ous.get(account.ouPath),
        accountsByEmail: byEmail,
      }),
    ),
  );
  const accountIds = new Map<AccountStage, string>(
    plan.accounts.map((account, i) => [account.stage, made[i]]),
  );
  // Accounts moved into a registered OU are governed once enrolled.
  for (const path of new Set(plan.accounts.map(a => a.ouPath))) {
    throwIfAborted(step, 'enrolling accounts');
    await ensureAccountsEnrolled(
      controlTower,
      { arn: ous.get(path)!.arn, path },
      step,
    );
  }

  const rootId = await getRootId(org);
  const targets = new Map<
    string,
    { id: string; label: string; policies: typeof plan.policies }
  >();
  for (const policy of plan.policies) {
    for (const target of policy.targets) {
      const key = targetKey(target);
      const entry = targets.get(key) ?? {
        id: key === 'root' ? rootId : ous.get(key)!.id,
        label: key === 'root' ? 'the root' : `OU ${key}`,
        policies: [],
      };
      entry.policies.push(policy);
      targets.set(key, entry);
    }
  }
  const checkedPolicies = new Set<string>();
  for (const target of targets.values()) {
    throwIfAborted(step, 'attaching SCPs');
    await ensurePoliciesAttached(
      org,
      target,
      target.policies,
      step,
      checkedPolicies,
    );
  }

  const controlsByOu = new Map<string, string[]>();
  for (const { controlId, ouPath } of plan.controls) {
    controlsByOu.set(ouPath, [...(controlsByOu.get(ouPath) ?? []), controlId]);
  }
  for (const [path, controlIds] of controlsByOu) {
    throwIfAborted(step, 'enabling controls');
    await ensureControlsEnabled(
      controlTower,
      deps.clients.awsConfig.region,
      { arn: ous.get(path)!.arn, path },
      controlIds,
      step,
    );
  }

  const products = [];
  const catalog = deps.provisioning.serviceCatalog;
  if (plan.products.length > 0 && catalog) {
    const owner = await deps.clients.forAccount(
      catalog.sharedServicesAccountId,
    );
    const portfolioId = await findOwnPortfolio(
      owner.serviceCatalog,
      catalog.portfolio,
    );
    const provisionOne = async (product: (typeof plan.products)[number]) => {
      throwIfAborted(step, 'provisioning products');
      const account = plan.accounts.find(a => a.stage === product.stage)!;
      const accountId = accountIds.get(product.stage)!;
      if (accountId === DRY_RUN_ID) {
        step.logger.info(
          `Dry run: would provision ${product.provisionedProductName} in the new ${product.stage} account`,
        );
        return undefined;
      }
      const ou = ous.get(account.ouPath)!;
      const member = await deps.clients.forAccount(accountId);
      if (
        !(await hasAcceptedPortfolio(
          member.serviceCatalog,
          portfolioId,
          'AWS_ORGANIZATIONS',
        ))
      ) {
        await ensurePortfolioShared(
          owner.serviceCatalog,
          portfolioId,
          { ouId: ou.id, label: `OU ${account.ouPath}` },
          step,
        );
      }
      await ensurePortfolioAccepted(
        member.serviceCatalog,
        accountId,
        portfolioId,
        'AWS_ORGANIZATIONS',
        catalog.principalArns,
        step,
      );
      const outputs = await ensureProductProvisioned(
        member.serviceCatalog,
        {
          accountId,
          product:
            product.product === 'sagemaker-studio-domain'
              ? catalog.products.studioDomain
              : catalog.products.mlopsPipeline,
          provisionedProductName: product.provisionedProductName,
          parameters: product.parameters,
          tags: { [ACCOUNT_TAGS.project]: plan.request.project },
        },
        step,
      );
      return { ...product, accountId, outputs };
    };
    // Products in different OUs are shared, accepted and launched side by
    // side; those sharing an OU (and so a share) one after another.
    const byOu = new Map<string, typeof plan.products>();
    for (const product of plan.products) {
      const { ouPath } = plan.accounts.find(a => a.stage === product.stage)!;
      byOu.set(ouPath, [...(byOu.get(ouPath) ?? []), product]);
    }
    const launched = new Map<
      (typeof plan.products)[number],
      Awaited<ReturnType<typeof provisionOne>>
    >();
    await settleAll(
      [...byOu.values()].map(async group => {
        for (const product of group) {
          launched.set(product, await provisionOne(product));
        }
      }),
    );
    for (const product of plan.products) {
      const result = launched.get(product);
      if (result) products.push(result);
    }
  }

  if (plan.budget) {
    const accountId = accountIds.get(plan.budget.stage)!;
    if (accountId === DRY_RUN_ID) {
      step.logger.info(
        `Dry run: would create budget ${plan.budget.name} in the new account`,
      );
    } else {
      const { budgets } = await deps.clients.forAccount(accountId);
      await ensureBudget(
        budgets,
        {
          accountId,
          name: plan.budget.name,
          limitUsd: plan.budget.limitUsd,
          alertEmail: plan.budget.alertEmail,
          thresholdPercent: 80,
        },
        step,
      );
    }
  }

  return {
    project: plan.request.project,
    pattern: plan.request.pattern,
    accounts: plan.accounts.map(a => ({
      stage: a.stage,
      purpose: getAccountPattern(plan.request.pattern).accounts.find(
        p => p.stage === a.stage,
      )?.purpose,
      name: a.name,
      email: a.email,
      accountId: accountIds.get(a.stage)!,
      ouPath: a.ouPath,
      ouId: ous.get(a.ouPath)!.id,
    })),
    // Titles and rationales travel with the output so that generated
    // onboarding docs can say why each guardrail applies.
    policies: plan.policies.map(p => ({
      name: p.name,
      guardrailId: p.guardrailId,
      title: findGuardrail(p.guardrailId)?.title ?? p.description,
      rationale: findGuardrail(p.guardrailId)?.rationale ?? '',
      targets: p.targets.map(targetKey),
    })),
    controls: plan.controls.map(c => ({
      ...c,
      title: findGuardrail(c.controlId)?.title ?? c.controlId,
      rationale: findGuardrail(c.controlId)?.rationale ?? '',
    })),
    products,
    budget: plan.budget,
  };
}

/**
 * Provisions a whole ML project in one of the guide's three patterns: plans
 * it, checks everything before the first change, then creates what is
 * missing. Re-running it with the same inputs changes nothing.
 *
 * @public
 */
/**
 * After a failure part-way: where each of the plan's accounts is, so nobody
 * has to search the organization, and none is left in the Root that could be
 * moved into its OU.
 */
async function reportPlacement(
  plan: ProvisioningPlan,
  deps: AwsMlActionDeps,
  logger: Pick<LoggerService, 'warn'>,
) {
  try {
    const lines = await reportAccountPlacement(
      await deps.clients.organizations(),
      plan.accounts,
    );
    logger.warn(
      `The run stopped part-way; the project's accounts now:\n- ${lines.join(
        '\n- ',
      )}\nRun the template again with the same values to finish.`,
    );
  } catch (error) {
    logger.warn(
      `The run stopped part-way, and reading where its accounts are failed too (${
        (error as Error).message
      }); run the template again with the same values to finish`,
    );
  }
}

export function createProvisionProjectAction(sharedDeps: AwsMlActionDeps) {
  return createTemplateAction({
    id: 'aws:ml:provisionProject',
    description:
      "Provisions an ML project's AWS layout in one of the three account patterns (sandbox, dev, mlops): OUs, accounts, guardrail SCPs, Control Tower controls, Service Catalog products and budget, all checked before the first change",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        pattern: z =>
          z
            .enum(['sandbox', 'dev', 'mlops'])
            .describe('Account pattern of the guide'),
        project: z =>
          z.string().describe('Project slug, e.g. churn-prediction'),
        owner: z =>
          z.string().describe('Owning group, e.g. group:default/team-churn'),
        costCenter: z =>
          z.string().describe('Cost center, written as an account tag'),
        accountEmailTemplate: z =>
          z
            .string()
            .optional()
            .describe(
              'Account emails with {project} and {stage}; defaults to mlEnvironments.accounts.emailTemplate',
            ),
        spendingLimitUsd: z =>
          z.number().optional().describe('Sandbox: monthly spending limit'),
        alertEmail: z =>
          z.string().optional().describe('Sandbox: who hears about spending'),
        datasets: z =>
          z
            .array(z.string())
            .optional()
            .describe('Dev: data-lake databases to read'),
        prodApprovalRequired: z =>
          z
            .boolean()
            .optional()
            .describe('MLOps: promotion to prod waits for a manual approval'),
      },
      output: {
        layout: z =>
          z
            .record(z.string(), z.unknown())
            .describe('Accounts by stage, guardrails and products'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const input = ctx.input;
      const request = requestFromInput(input, deps.provisioning);
      const requestProblems = validateProjectRequest(request);
      if (requestProblems.length > 0) {
        throw new InputError(
          `The ML project request is invalid:\n- ${requestProblems.join(
            '\n- ',
          )}`,
        );
      }
      const plan = planProject(request, {
        baseline: deps.provisioning.baseline,
        parameters: deps.provisioning.guardrailParameters,
      });
      ctx.logger.info(
        `Plan for ${plan.request.project}: ${plan.accounts.length} account(s), ${plan.organizationalUnits.length} OU(s), ${plan.policies.length} SCP(s), ${plan.controls.length} control(s), ${plan.products.length} product(s)`,
      );
      // Before any AWS call: may this task's user act on this project?
      await claimProject(deps, ctx, request.project, {
        pattern: request.pattern,
        owner: request.owner,
      });
      const credentials = await ctx.getInitiatorCredentials();
      let layout;
      let changing = false;
      try {
        // One scan of the organization's accounts for every planned email,
        // for the checks and the creations alike.
        const byEmail = await accountsByEmail(
          await deps.clients.organizations(),
        );
        const problems = await preflight(
          plan,
          deps.clients,
          deps.provisioning,
          ctx.logger,
          byEmail,
        );
        if (problems.length > 0) {
          throw new InputError(
            `Nothing was changed, because:\n- ${problems.join('\n- ')}`,
          );
        }
        changing = !ctx.isDryRun;
        layout = await execute(
          plan,
          deps,
          stepOf(ctx, deps.provisioning),
          byEmail,
        );
      } catch (error) {
        if (changing) await reportPlacement(plan, deps, ctx.logger);
        // A crash never gets here: the resumed task holds the project still.
        if (!ctx.isDryRun) {
          await deps.projects.releaseProvisioning(
            credentials,
            request.project,
            ctx.task.id,
          );
        }
        throw error;
      }
      if (!ctx.isDryRun) {
        await deps.projects.completeProvisioning(
          credentials,
          request.project,
          ctx.task.id,
          layout.accounts.map(a => ({
            stage: a.stage,
            accountId: a.accountId,
          })),
        );
      }
      ctx.output('layout', layout);
      if (!ctx.isDryRun) {
        // The status backend refreshes on this, so the project's page shows
        // its accounts right away rather than after the next scheduled run.
        await deps.events?.publish({
          topic: ML_ENVIRONMENTS_TOPICS.projectProvisioned,
          eventPayload: {
            project: layout.project,
            accountIds: layout.accounts.map(a => a.accountId),
          },
        });
      }
    },
  });
}
