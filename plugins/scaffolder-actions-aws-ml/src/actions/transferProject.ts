import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ACCOUNT_TAGS,
  validateGroupRef,
  validateProjectSlug,
} from '@mlgov/plugin-ml-environments-common';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './transferProject.examples';
import { ensureTags } from '@mlgov/plugin-ml-environments-node';
import { stepOf } from './step';
import { projectSlug } from './inputs';

/**
 * Moves an ML project to another owner group: the suite's record first
 * (where the transfer permission is decided and the act audited), then the
 * `owner` tag of each of its accounts.
 *
 * @public
 */
export function createTransferProjectAction(sharedDeps: AwsMlActionDeps) {
  return createTemplateAction({
    id: 'aws:ml:transferProject',
    description:
      "Moves an ML project to another owner group in the suite's record (needs ml-environments.project.transfer; audited) and re-tags its accounts' owner",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectSlug,
        owner: z =>
          z.string().describe('New owning group, e.g. group:default/team-risk'),
        reason: z =>
          z
            .string()
            .min(1)
            .describe('Why the project changes owner, for the audit trail'),
      },
      output: {
        accountIds: z =>
          z.array(z.string()).describe('The accounts whose owner tag was set'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const { project, owner, reason } = ctx.input;
      const problems = [
        validateProjectSlug(project),
        validateGroupRef(owner),
        reason.trim() ? undefined : 'reason must say why the owner changes',
      ].filter(Boolean);
      if (problems.length > 0) throw new InputError(problems.join('; '));

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would move ML project ${project} to ${owner} and re-tag its accounts`,
        );
        ctx.output('accountIds', []);
        return;
      }
      // The record decides; a refusal here leaves AWS untouched.
      const record = await deps.projects.transfer(
        await ctx.getInitiatorCredentials(),
        project,
        owner,
        reason,
      );
      const org = await deps.clients.organizations();
      const step = stepOf(ctx, deps.provisioning);
      for (const { accountId } of record.accounts) {
        await ensureTags(
          org,
          accountId,
          { [ACCOUNT_TAGS.owner]: record.owner },
          step,
        );
      }
      ctx.logger.info(
        `ML project ${project} is now owned by ${record.owner}; ${record.accounts.length} account(s) re-tagged`,
      );
      ctx.output(
        'accountIds',
        record.accounts.map(a => a.accountId),
      );
    },
  });
}
