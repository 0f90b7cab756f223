import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AssessedCall,
  validateProjectSlug,
} from '@mlgov/plugin-ml-environments-common';
import { AwsMlActionDeps } from './deps';
import { examples } from './assessGuardrails.examples';
import { projectSlug } from './inputs';

const line = (c: AssessedCall) => {
  const head = `${c.label} (${c.action}): ${c.decision}`;
  if (c.decision === 'unknown') return `${head}, undecided — ${c.explanation}`;
  const by = c.policy
    ? ` by ${c.policy}${c.statement ? ` statement ${c.statement}` : ''}`
    : '';
  const meant = c.asIntended
    ? ''
    : ` — NOT as intended: the OU's guardrails mean it ${c.expected}${
        c.expectedPolicy ? ` by ${c.expectedPolicy}` : ''
      }`;
  return `${head}${by}${meant}`;
};

/**
 * The guide's "Assessing SCP effectiveness" for a project, in a task: each
 * recorded account's answers to the calls a data scientist would make, as
 * the backend's evaluator gives them from the latest snapshot. Read-only:
 * no AWS call, nothing changed; refused where the user may not read the
 * project.
 *
 * @public
 */
export function createAssessGuardrailsAction(deps: AwsMlActionDeps) {
  return createTemplateAction({
    id: 'aws:ml:assessGuardrails',
    description:
      "Runs the guide's SCP effectiveness test for an ML project: in each of its accounts, whether the calls a data scientist would make (deploy an endpoint, train without VPC or KMS keys…) are allowed, denied or unknown, by which SCP and statement, and whether that is what the OU's guardrails intend. Read-only",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectSlug,
        failOnDifference: z =>
          z
            .boolean()
            .optional()
            .describe(
              "Fail the step when an answer is not what the OU's guardrails intend, or when something could not be assessed (an account the snapshot lacks, an undecided answer, no accounts): for a CI check",
            ),
      },
      output: {
        differences: z =>
          z
            .number()
            .describe(
              'Decided answers that are not what the guardrails intend',
            ),
        unassessed: z =>
          z
            .number()
            .describe(
              'What could not be assessed: accounts the snapshot lacks, undecided answers, a project without accounts',
            ),
        assessment: z =>
          z
            .record(z.unknown())
            .describe(
              'The assessment (GET /projects/{project}/guardrails/assessment)',
            ),
      },
    },
    async handler(ctx) {
      const { project, failOnDifference } = ctx.input;
      const problem = validateProjectSlug(project);
      if (problem) throw new InputError(problem);
      const assessment = await deps.projects.assessGuardrails(
        await ctx.getInitiatorCredentials(),
        project,
      );
      // A CI check passes only on what was assessed: an account the
      // snapshot lacks, an undecided answer or no account at all fails it.
      const unassessed: string[] = [];
      if (assessment.accounts.length === 0) {
        unassessed.push(
          `${project} has no accounts on record, so nothing was assessed; provision its accounts first`,
        );
      }
      let differences = 0;
      for (const account of assessment.accounts) {
        const where = `${account.stage} (${account.accountId})${
          account.ouPath ? ` in ${account.ouPath}` : ''
        }`;
        if (account.problem) {
          ctx.logger.warn(`${where}: ${account.problem}`);
          unassessed.push(`${where} was not assessed: ${account.problem}`);
          continue;
        }
        for (const call of account.calls) {
          if (call.decision === 'unknown') {
            unassessed.push(
              `${where}: ${call.label} (${call.action}) could not be decided`,
            );
          } else if (!call.asIntended) differences++;
          const log = call.asIntended ? ctx.logger.info : ctx.logger.warn;
          log.call(ctx.logger, `${where}: ${line(call)}`);
        }
      }
      ctx.output('differences', differences);
      ctx.output('unassessed', unassessed.length);
      ctx.output('assessment', assessment as any);
      if (!failOnDifference) return;
      const failures = [
        ...(differences > 0
          ? [
              `${differences} answer(s) of ${project}'s guardrail assessment are not what the OUs' guardrails intend (see the log above)`,
            ]
          : []),
        ...unassessed,
      ];
      if (failures.length > 0) {
        throw new Error(
          `${project}'s guardrail check fails: ${failures.join('; ')}`,
        );
      }
    },
  });
}
