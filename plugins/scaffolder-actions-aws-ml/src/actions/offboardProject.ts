import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { paginateListAccounts } from '@aws-sdk/client-organizations';
import {
  ML_ENVIRONMENTS_TOPICS,
  RetiredAccount,
  SUSPENDED_OU_PATH,
  ScpGuardrail,
  closureQuotaProblem,
  findGuardrail,
  retirementTags,
  scpOfGuardrail,
  suiteActionsFor,
  validateRetirementRequest,
} from '@mlgov/plugin-ml-environments-common';
import {
  allPages,
  ensureAccountClosing,
  ensureAccountIn,
  ensureOuPath,
  ensurePoliciesAttached,
  ensurePortfolioRejected,
  ensureProjectProductsTerminated,
  ensureTags,
  findOwnPortfolio,
  managementPermissionProblems,
  throwIfAborted,
} from '@mlgov/plugin-ml-environments-node';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './offboardProject.examples';
import { stepOf } from './step';

const DENY_ALL = findGuardrail('deny-all') as ScpGuardrail;

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
        project: z =>
          z.string().describe('Project slug, e.g. churn-prediction'),
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
      const { closeAccounts, serviceCatalog } = deps.provisioning;
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
      const retiredAccounts: Array<
        RetiredAccount & { stage: string; productsTerminated: string[] }
      > = [];
      const revoked: string[] = [];
      const revokedGrants: string[] = [];
      try {
        // Data access ends first: nothing should read corporate data from
        // an account on its way out.
        for (const grant of claimed.openDataGrants) {
          if (dryRun) {
            ctx.logger.info(
              `Dry run: would revoke data grant ${grant.id} (${grant.database} for ${grant.accountId})`,
            );
          } else {
            await deps.projects.revokeDataGrant(
              credentials,
              grant.id,
              `ML project ${project} retires: ${reason}`,
            );
            ctx.logger.info(
              `Revoked data grant ${grant.id} (${grant.database} for ${grant.accountId})`,
            );
          }
          revokedGrants.push(grant.id);
        }
        for (const exception of claimed.openExceptions) {
          if (dryRun) {
            ctx.logger.info(
              `Dry run: would revoke exception ${exception.id} (${exception.guardrailId} on ${exception.accountId})`,
            );
          } else {
            await deps.projects.revokeException(
              credentials,
              exception.id,
              `ML project ${project} retires: ${reason}`,
            );
            ctx.logger.info(`Revoked exception ${exception.id}`);
          }
          revoked.push(exception.id);
        }

        const suspended = await ensureOuPath(org, SUSPENDED_OU_PATH, step);
        await ensurePoliciesAttached(
          org,
          { id: suspended.id, label: `OU ${SUSPENDED_OU_PATH}` },
          [scpOfGuardrail(DENY_ALL, deps.provisioning.guardrailParameters)],
          step,
        );
        const portfolioId =
          serviceCatalog &&
          (await findOwnPortfolio(
            (
              await deps.clients.forAccount(
                serviceCatalog.sharedServicesAccountId,
              )
            ).serviceCatalog,
            serviceCatalog.portfolio,
          ));
        // The same date on every run, so a re-run does not re-tag.
        const tags = retirementTags(
          new Date(record.retirement?.requestedAt ?? Date.now()),
        );
        if (portfolioId && serviceCatalog) {
          // Pattern 3's model registry lives in team shared services, the
          // portfolio's own account, tagged with the project like the rest.
          const owner = await deps.clients.forAccount(
            serviceCatalog.sharedServicesAccountId,
          );
          await ensureProjectProductsTerminated(
            owner.serviceCatalog,
            serviceCatalog.sharedServicesAccountId,
            project,
            step,
          );
        }
        for (const { accountId, stage } of record.accounts) {
          throwIfAborted(step, `retiring account ${accountId}`);
          let productsTerminated: string[] = [];
          // In the account's own OU still, before deny-all applies to it.
          if (portfolioId) {
            const member = await deps.clients.forAccount(accountId);
            productsTerminated = await ensureProjectProductsTerminated(
              member.serviceCatalog,
              accountId,
              project,
              step,
              {
                sageMaker: member.sageMaker,
                madeBySuite: claimed.studioProfiles ?? [],
              },
            );
            await ensurePortfolioRejected(
              member.serviceCatalog,
              accountId,
              portfolioId,
              'AWS_ORGANIZATIONS',
              step,
            );
          }
          await ensureAccountIn(
            org,
            accountId,
            suspended.id,
            SUSPENDED_OU_PATH,
            step,
          );
          await ensureTags(org, accountId, tags, step);
          const closure = closeAccounts
            ? await ensureAccountClosing(org, accountId, step)
            : 'suspended';
          retiredAccounts.push({
            accountId,
            stage,
            closure,
            productsTerminated,
          });
        }
      } catch (error) {
        // A crash never gets here: the resumed task holds the project still.
        await release();
        throw error;
      }

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
