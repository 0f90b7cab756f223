import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { paginateListAccounts } from '@aws-sdk/client-organizations';
import {
  ML_ENVIRONMENTS_TOPICS,
  SUSPENDED_OU_PATH,
  closureQuotaProblem,
  suiteActionsFor,
  validateRetirementRequest,
} from '@mlgov/plugin-ml-environments-common';
import {
  allPages,
  managementPermissionProblems,
} from '@mlgov/plugin-ml-environments-node';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './offboardProject.examples';
import { Retirement, retireProject } from './offboardProject.retire';
import { stepOf } from './step';
import { projectSlug } from './inputs';

/**
 * Retires an ML project: after the suite's record allows it (owner group or
 * administrator), ends its open exceptions when asked, and for each account
 * terminates its products (Studio domain and profiles), rejects the shared
 * portfolio, moves it to the Suspended OU (deny-all SCP), tags it with the
 * closing date and, when configured, asks AWS to close it. Every step looks
 * before it changes, so a re-run or a resumed task repeats nothing; the
 * record is kept, marked retired.
 *
 * @public
 */
export function createOffboardProjectAction(sharedDeps: AwsMlActionDeps) {
  return createTemplateAction({
    id: 'aws:ml:offboardProject',
    description:
      'Retires an ML project: removes its Studio access and shares, moves its accounts to the Suspended OU (deny-all SCP), tags them with the closing date and, when mlEnvironments.offboarding.closeAccounts is set, closes them; needs ml-environments.project.retire',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectSlug,
        reason: z =>
          z
            .string()
            .describe(
              'Why the project ends, for the audit trail (10+ characters)',
            ),
        revokeOpenExceptions: z =>
          z
            .boolean()
            .optional()
            .describe(
              "Revoke the project's pending and active guardrail exceptions in this run; without it they refuse the retirement",
            ),
        revokeDataGrants: z =>
          z
            .boolean()
            .optional()
            .describe(
              "Revoke the project's pending and active data grants in this run (Lake Formation access ends); without it they refuse the retirement",
            ),
      },
      output: {
        accounts: z =>
          z
            .array(
              z.object({
                accountId: z.string(),
                stage: z.string(),
                closure: z.enum(['suspended', 'closing', 'deferred']),
                productsTerminated: z.array(z.string()),
              }),
            )
            .describe('What became of each account'),
        revokedExceptions: z =>
          z.array(z.string()).describe('Exceptions ended by this run'),
        revokedDataGrants: z =>
          z.array(z.string()).describe('Data grants ended by this run'),
        alreadyRetired: z =>
          z.boolean().describe('The project was retired before this run'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const { project, reason } = ctx.input;
      const problems = validateRetirementRequest({ project, reason });
      if (problems.length > 0) throw new InputError(problems.join('; '));
      const credentials = await ctx.getInitiatorCredentials();
      const dryRun = Boolean(ctx.isDryRun);

      // Before any AWS call: may this task's user retire this project now?
      // A refusal is the backend's answer, not a fault: the task's log (which
      // prints a failed step's stack) shows it as one line.
      const claimed = await deps.projects
        .claimRetirement(credentials, project, {
          taskId: ctx.task.id,
          reason,
          dryRun,
          revokeOpenExceptions: ctx.input.revokeOpenExceptions ?? false,
          revokeDataGrants: ctx.input.revokeDataGrants ?? false,
        })
        .catch((e: Error) => {
          throw Object.assign(e, { stack: `${e.name}: ${e.message}` });
        });
      const { record } = claimed;
      if (record.retirement?.state === 'retired') {
        ctx.logger.info(
          `ML project ${project} was retired on ${record.retirement.retiredAt?.slice(
            0,
            10,
          )}; nothing to do`,
        );
        ctx.output('accounts', []);
        ctx.output('revokedExceptions', []);
        ctx.output('revokedDataGrants', []);
        ctx.output('alreadyRetired', true);
        return;
      }
      const release = async () => {
        if (!dryRun) {
          await deps.projects.releaseProvisioning(
            credentials,
            project,
            ctx.task.id,
          );
        }
      };

      const org = await deps.clients.organizations();
      const { closeAccounts } = deps.provisioning;
      if (closeAccounts) {
        const accounts = await allPages(
          paginateListAccounts({ client: org }, {}),
          page => page.Accounts,
        );
        const problem = closureQuotaProblem({
          memberAccounts: accounts.length - 1,
          closedInWindow: claimed.closuresInLast30Days,
          toClose: record.accounts.length,
        });
        if (problem) {
          await release();
          throw new InputError(`Nothing was changed, because ${problem}`);
        }
      }
      const denied = await managementPermissionProblems(
        deps.clients,
        suiteActionsFor('management', 'offboarding', { closeAccounts }),
        'retiring a project',
        ctx.logger,
      );
      if (denied.length > 0) {
        await release();
        throw new InputError(`Nothing was changed, because ${denied[0]}`);
      }

      const step = stepOf(ctx, deps.provisioning);
      let retirement: Retirement;
      try {
        retirement = await retireProject({
          deps,
          credentials,
          claimed,
          project,
          reason,
          step,
          org,
        });
      } catch (error) {
        // A crash never gets here: the resumed task holds the project still.
        await release();
        throw error;
      }
      const {
        accounts: retiredAccounts,
        revokedExceptions: revoked,
        revokedDataGrants: revokedGrants,
      } = retirement;

      if (!dryRun) {
        await deps.projects.completeRetirement(
          credentials,
          project,
          ctx.task.id,
          retiredAccounts.map(({ accountId, closure }) => ({
            accountId,
            closure,
          })),
        );
        await deps.events?.publish({
          topic: ML_ENVIRONMENTS_TOPICS.projectRetired,
          eventPayload: {
            project,
            accountIds: retiredAccounts.map(a => a.accountId),
          },
        });
      }
      ctx.logger.info(
        `${
          dryRun ? 'Dry run: would retire' : 'Retired'
        } ML project ${project}: ${
          retiredAccounts.length
        } account(s) in ${SUSPENDED_OU_PATH}${
          closeAccounts ? ', closing' : ''
        }; ${revoked.length} exception(s) and ${
          revokedGrants.length
        } data grant(s) revoked`,
      );
      ctx.output('accounts', retiredAccounts);
      ctx.output('revokedExceptions', revoked);
      ctx.output('revokedDataGrants', revokedGrants);
      ctx.output('alreadyRetired', false);
    },
  });
}
