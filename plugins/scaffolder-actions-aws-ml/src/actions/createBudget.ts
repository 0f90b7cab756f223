import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ACCOUNT_ID_PATTERN,
  validateAccountEmail,
} from '@mlgov/plugin-ml-environments-common';
import { checkAccountProject } from './authority';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './createBudget.examples';
import { ensureBudget } from '@mlgov/plugin-ml-environments-node';
import { stepOf } from './step';

/**
 * Gives an account a monthly spending limit with an email alert, as the
 * guide suggests for sandbox accounts.
 *
 * @public
 */
export function createCreateBudgetAction(sharedDeps: AwsMlActionDeps) {
  return createTemplateAction({
    id: 'aws:budgets:createBudget',
    description:
      'Creates a monthly cost budget in an account with an email alert; an existing budget of the same name is kept',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        accountId: z =>
          z
            .string()
            .regex(new RegExp(ACCOUNT_ID_PATTERN))
            .describe('The account the budget watches'),
        name: z => z.string().min(1).max(100).describe('Budget name'),
        limitUsd: z =>
          z
            .number()
            .positive()
            .describe('Monthly spending limit in US dollars'),
        alertEmail: z =>
          z.string().describe('Who is told when spending passes the threshold'),
        thresholdPercent: z =>
          z
            .number()
            .min(1)
            .max(1000)
            .optional()
            .describe(
              'Alert at this share of the limit, in percent; defaults to 80',
            ),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const problem = validateAccountEmail(ctx.input.alertEmail);
      if (problem) {
        throw new InputError(problem.replace('Account email', 'Alert email'));
      }
      await checkAccountProject(deps, ctx, ctx.input.accountId);
      const { budgets } = await deps.clients.forAccount(ctx.input.accountId);
      await ensureBudget(
        budgets,
        {
          accountId: ctx.input.accountId,
          name: ctx.input.name,
          limitUsd: ctx.input.limitUsd,
          alertEmail: ctx.input.alertEmail,
          thresholdPercent: ctx.input.thresholdPercent ?? 80,
        },
        stepOf(ctx, deps.provisioning),
      );
    },
  });
}
