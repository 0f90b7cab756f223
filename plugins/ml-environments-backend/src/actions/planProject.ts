import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  ACCOUNT_PATTERN_IDS,
  InvalidProjectRequestError,
  PlannedTarget,
  ProjectRequest,
  mlEnvironmentsStatusReadPermission,
  planProject,
} from '@mlgov/plugin-ml-environments-common';
import { MlEnvironmentsActionDeps, requirePermission } from './deps';
import { projectName, registerReadAction } from './readAction';

/** Where a policy attaches, as people name it: `Root`, an OU path or a stage. */
function targetLabel(target: PlannedTarget): string {
  if (target.type === 'root') return 'Root';
  return target.type === 'ou' ? target.path : target.stage;
}

/** "What would provisioning project P with pattern Q create": the plan only. */
export function registerPlanProjectAction(
  registry: ActionsRegistryService,
  deps: MlEnvironmentsActionDeps,
) {
  registerReadAction(registry, {
    name: 'plan-ml-project',
    title: 'ML environments: what provisioning a project would create',
    description:
      "The plan for a new ML project in one of the account patterns (sandbox, dev, mlops), from the company's guardrail baseline: accounts and their OUs, SCPs and where they attach, Control Tower controls, Service Catalog products and budget. Nothing is created and AWS is not asked: the template's dry run also checks what already exists.",
    schema: {
      input: z =>
        z.object({
          project: projectName(z),
          pattern: z.enum(ACCOUNT_PATTERN_IDS),
          owner: z
            .string()
            .describe('The owning group, e.g. group:default/team-churn'),
          costCenter: z.string(),
          accountEmailTemplate: z
            .string()
            .optional()
            .describe(
              'Account emails with {project} and {stage}; defaults to mlEnvironments.accounts.emailTemplate',
            ),
          datasets: z
            .array(z.string())
            .optional()
            .describe('dev: data-lake databases to read'),
          spendingLimitUsd: z.number().optional().describe('sandbox'),
          alertEmail: z.string().optional().describe('sandbox'),
        }),
      output: z =>
        z.object({
          organizationalUnits: z.array(z.string()),
          accounts: z.array(
            z.object({
              stage: z.string(),
              name: z.string(),
              email: z.string(),
              ouPath: z.string(),
              purpose: z.string(),
            }),
          ),
          policies: z.array(
            z.object({
              name: z.string(),
              title: z.string(),
              targets: z.array(z.string()),
            }),
          ),
          controls: z.array(
            z.object({
              controlId: z.string(),
              title: z.string(),
              ouPath: z.string(),
            }),
          ),
          products: z.array(
            z.object({ product: z.string(), stage: z.string() }),
          ),
          budget: z
            .object({ stage: z.string(), limitUsd: z.number() })
            .optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      await requirePermission(
        deps,
        credentials,
        mlEnvironmentsStatusReadPermission,
      );
      const request: ProjectRequest = {
        pattern: input.pattern,
        project: input.project,
        owner: input.owner,
        costCenter: input.costCenter,
        accountEmailTemplate:
          input.accountEmailTemplate ??
          deps.provisioning.accountEmailTemplate ??
          '',
        sandbox:
          input.pattern === 'sandbox'
            ? {
                spendingLimitUsd: input.spendingLimitUsd ?? 0,
                alertEmail: input.alertEmail ?? '',
              }
            : undefined,
        dev: { datasets: input.datasets ?? [] },
      };
      let plan;
      try {
        plan = planProject(request, {
          baseline: deps.provisioning.baseline,
          parameters: deps.provisioning.guardrailParameters,
        });
      } catch (error) {
        if (error instanceof InvalidProjectRequestError) {
          throw new InputError(error.message);
        }
        throw error;
      }
      return {
        output: {
          organizationalUnits: plan.organizationalUnits,
          accounts: plan.accounts.map(
            ({ stage, name, email, ouPath, purpose }) => ({
              stage,
              name,
              email,
              ouPath,
              purpose,
            }),
          ),
          policies: plan.policies.map(p => ({
            name: p.name,
            title: p.title,
            targets: p.targets.map(targetLabel),
          })),
          controls: plan.controls.map(({ controlId, title, ouPath }) => ({
            controlId,
            title,
            ouPath,
          })),
          products: plan.products.map(({ product, stage }) => ({
            product,
            stage,
          })),
          budget: plan.budget && {
            stage: plan.budget.stage,
            limitUsd: plan.budget.limitUsd,
          },
        },
      };
    },
  });
}
