import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  validateDatasetName,
  validateProjectSlug,
} from '@mlgov/plugin-ml-environments-common';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './grantDataAccess.examples';
import { projectAccount } from './authority';
import { accountStage, projectSlug } from './inputs';

/**
 * Read-only access of one of a project's accounts to data-lake databases,
 * through Lake Formation's cross-account sharing: the suite's record takes
 * each request (from the project's owner group only) and the backend grants
 * it from the data lake account, at once for self-service databases or once
 * a data owner approves. Asking again for an open grant answers with it, so
 * a re-run grants nothing twice.
 *
 * @public
 */
export function createGrantDataAccessAction(sharedDeps: AwsMlActionDeps) {
  return createTemplateAction({
    id: 'aws:lakeformation:grantDataAccess',
    description:
      "Asks for read-only (SELECT, DESCRIBE) Lake Formation access of a project's account to data-lake databases: granted at once for self-service databases, otherwise after a data owner approves; the project's owner group only",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectSlug,
        stage: z =>
          accountStage(
            "The project's account that reads the data; dev unless given",
          )(z).optional(),
        databases: z =>
          z
            .array(z.string())
            .min(1)
            .max(20)
            .describe('Data-lake databases to read, e.g. ["sales"]'),
        reason: z =>
          z
            .string()
            .describe(
              'What the data is for, for the data owners (10+ characters)',
            ),
      },
      output: {
        grants: z =>
          z
            .array(
              z.object({
                id: z.string(),
                database: z.string(),
                state: z.string(),
              }),
            )
            .describe('Each database with its grant: active or pending'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const { project, databases, reason } = ctx.input;
      const stage = ctx.input.stage ?? 'dev';
      const problems = [
        validateProjectSlug(project),
        ...databases.map(validateDatasetName),
        reason.trim().length < 10
          ? 'reason must say what the data is for, in at least 10 characters'
          : undefined,
      ].filter(Boolean);
      if (problems.length > 0) throw new InputError(problems.join('; '));

      const credentials = await ctx.getInitiatorCredentials();
      // The record says which account is the project's and who may ask.
      const account = await projectAccount(deps, ctx, project, stage);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ask for read access of ${stage} account ${
            account.accountId
          } to ${databases.join(', ')}`,
        );
        ctx.output(
          'grants',
          databases.map(database => ({ id: '', database, state: 'dry-run' })),
        );
        return;
      }
      const grants = [];
      for (const database of new Set(databases)) {
        const grant = await ctx.checkpoint({
          key: `lakeformation.grant.${account.accountId}.${database}`,
          fn: async () => {
            const asked = await deps.projects.requestDataAccess(
              credentials,
              project,
              { accountId: account.accountId, database, reason: reason.trim() },
            );
            return { id: asked.id, database, state: asked.state };
          },
        });
        ctx.logger.info(
          grant.state === 'active'
            ? `${stage} account ${account.accountId} reads ${database} (grant ${grant.id})`
            : `Read access to ${database} is ${grant.state}: a data owner decides on the project's ML environment tab (grant ${grant.id})`,
        );
        grants.push(grant);
      }
      ctx.output('grants', grants);
    },
  });
}
