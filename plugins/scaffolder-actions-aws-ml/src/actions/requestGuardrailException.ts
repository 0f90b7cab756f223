import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GUARDRAILS,
  isExceptable,
  validateProjectSlug,
} from '@mlgov/plugin-ml-environments-common';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './requestGuardrailException.examples';
import { projectAccount } from './authority';
import { accountStage, projectSlug } from './inputs';

const EXCEPTABLE_GUARDRAIL_IDS = GUARDRAILS.filter(isExceptable).map(
  g => g.id,
) as [string, ...string[]];

/**
 * Asks for one of a project's accounts to be lifted out of an SCP guardrail
 * until a date. Nothing changes in AWS here: the backend records the
 * request, an approver decides, and the backend applies and later removes
 * the carve-out. Asking again for the same account and guardrail while one
 * is pending or active answers with that one.
 *
 * @public
 */
export function createRequestGuardrailExceptionAction(
  sharedDeps: AwsMlActionDeps,
) {
  return createTemplateAction({
    id: 'aws:ml:requestGuardrailException',
    description:
      "Asks the ML environments backend to lift an SCP guardrail for one of a project's accounts until a date (needs ml-environments.project.exception.request and the project's owner group); an approver decides",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectSlug,
        stage: accountStage("Which of the project's accounts, by its stage"),
        guardrailId: z =>
          z
            .enum(EXCEPTABLE_GUARDRAIL_IDS)
            .describe('The SCP guardrail to lift, e.g. deny-sagemaker-hosting'),
        reason: z =>
          z
            .string()
            .describe(
              'What needs the guardrail lifted, and why it cannot wait',
            ),
        endsAt: z =>
          z
            .string()
            .describe(
              'When the exception ends: a date (2026-12-31, ending at 00:00 UTC) or a date-time',
            ),
      },
      output: {
        exceptionId: z => z.string().describe('The exception, for approvers'),
        state: z => z.string().describe('pending until an approver decides'),
        accountId: z => z.string().describe('The account it lifts'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const { project, stage, guardrailId, reason } = ctx.input;
      const endsAt = new Date(ctx.input.endsAt);
      const problems = [
        validateProjectSlug(project),
        Number.isNaN(endsAt.getTime())
          ? `endsAt ${ctx.input.endsAt} is not a date; give one such as 2026-12-31`
          : undefined,
      ].filter(Boolean);
      if (problems.length > 0) throw new InputError(problems.join('; '));

      const credentials = await ctx.getInitiatorCredentials();
      const account = await projectAccount(deps, ctx, project, stage);
      const existing = (
        await deps.projects.listExceptions(credentials, project)
      ).find(
        e =>
          e.accountId === account.accountId &&
          e.guardrailId === guardrailId &&
          (e.state === 'pending' || e.state === 'active'),
      );
      if (existing) {
        ctx.logger.info(
          `Exception ${existing.id} for ${guardrailId} on ${stage} (${account.accountId}) is already ${existing.state}, until ${existing.endsAt}`,
        );
      } else if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ask to lift ${guardrailId} on ${stage} (${
            account.accountId
          }) until ${endsAt.toISOString()}`,
        );
      }
      const exception =
        existing ??
        (ctx.isDryRun
          ? undefined
          : await deps.projects.requestException(credentials, project, {
              accountId: account.accountId,
              guardrailId,
              reason,
              endsAt: endsAt.toISOString(),
            }));
      if (exception && !existing) {
        ctx.logger.info(
          `Asked to lift ${guardrailId} on ${stage} (${account.accountId}) until ${exception.endsAt}: exception ${exception.id} waits for an approver`,
        );
      }
      ctx.output('exceptionId', exception?.id ?? 'dry-run');
      ctx.output('state', exception?.state ?? 'dry-run');
      ctx.output('accountId', account.accountId);
    },
  });
}
