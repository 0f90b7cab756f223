import { PolicySummary } from '@aws-sdk/client-organizations';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ML_ENVIRONMENTS_TOPICS,
  GuardrailExemption,
  ProjectRequest,
  ProvisioningPlan,
  planProject,
  InvalidProjectRequestError,
  ACCOUNT_PATTERN_IDS,
  validateProjectRequest,
} from '@mlgov/plugin-ml-environments-common';
import {
  createScpChainCache,
  creationRequestsOnce,
  findPlannedAccounts,
  scpDocument,
  MlProvisioningConfig,
  OuResolver,
  reportAccountPlacement,
} from '@mlgov/plugin-ml-environments-node';
import { claimProject, mayChangeOrganization } from './authority';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './provisionProject.examples';
import { preflight } from './provisionProject.preflight';
import { execute } from './provisionProject.execute';
import { stepOf } from './step';

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

/** The plan, or an InputError naming every problem of the request. */
function planOrRefuse(
  request: ProjectRequest,
  deps: AwsMlActionDeps,
  exemptions: GuardrailExemption[] = [],
) {
  try {
    return planProject(request, {
      baseline: deps.provisioning.baseline,
      parameters: { ...deps.provisioning.guardrailParameters, exemptions },
    });
  } catch (error) {
    if (error instanceof InvalidProjectRequestError) {
      throw new InputError(error.message);
    }
    throw error;
  }
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

/**
 * Provisions a whole ML project in one of the guide's three patterns: plans
 * it, checks everything before the first change, then creates what is
 * missing. Re-running it with the same inputs changes nothing.
 *
 * @public
 */
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
          z.enum(ACCOUNT_PATTERN_IDS).describe('Account pattern of the guide'),
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
      // Bad input is refused before the claim; the plan is made once, after
      // it, with the carve-outs of the exceptions approved by then.
      const invalid = validateProjectRequest(request);
      if (invalid.length > 0) {
        throw new InputError(new InvalidProjectRequestError(invalid).message);
      }
      // Before any AWS call: may this task's user act on this project?
      const recorded = await claimProject(deps, ctx, request.project, {
        pattern: request.pattern,
        owner: request.owner,
      });
      const credentials = await ctx.getInitiatorCredentials();
      let plan: ProvisioningPlan | undefined;
      let layout;
      let changing = false;
      try {
        // The SCP documents keep the carve-outs of approved exceptions.
        plan = planOrRefuse(
          request,
          deps,
          await deps.projects.activeExemptions(credentials),
        );
        ctx.logger.info(
          `Plan for ${plan.request.project}: ${plan.accounts.length} account(s), ${plan.organizationalUnits.length} OU(s), ${plan.policies.length} SCP(s), ${plan.controls.length} control(s), ${plan.products.length} product(s)`,
        );
        // The planned accounts where a run leaves them, not a scan of the
        // organization: the record's, its OUs' and its creation requests'.
        // One client for the run, so its root id is read once, and one
        // read of the creation requests for pre-flight and the accounts.
        const org = await deps.clients.organizations();
        const resolver = new OuResolver(org);
        const creationRequests = creationRequestsOnce(org);
        const attached = new Map<string, string[]>();
        // The launches' SCP checks' reads, shared by the run. Pre-flight
        // leaves DescribePolicy idle: the documents of the SCPs it finds
        // that the run does not make are read meanwhile.
        const chains = createScpChainCache();
        const own = new Set(plan.policies.map(p => p.name));
        const readAhead = (policies: PolicySummary[]) => {
          for (const policy of policies) {
            if (policy.Id && !own.has(policy.Name!)) {
              scpDocument(org, chains, policy.Id).catch(() => undefined);
            }
          }
        };
        const byEmail = await findPlannedAccounts(org, plan.accounts, {
          recordedIds: recorded?.accounts.map(a => a.accountId),
          ous: resolver,
          creationRequests,
        });
        const problems = await preflight(
          plan,
          deps.clients,
          deps.provisioning,
          ctx.logger,
          byEmail,
          recorded?.accounts ?? [],
          { org, ous: resolver, attached, onAttached: readAhead },
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
          { org, byEmail, resolver, attached, creationRequests, chains },
          (await deps.groupMembers?.(request.owner, credentials)) ?? [],
          () => mayChangeOrganization(deps, ctx),
        );
      } catch (error) {
        if (changing && plan) await reportPlacement(plan, deps, ctx.logger);
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
          layout.products.flatMap(p => p.studioProfiles),
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
