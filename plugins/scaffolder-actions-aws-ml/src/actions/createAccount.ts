import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  parseOuPath,
  validateAccountEmail,
  validateAccountName,
  validateTags,
} from '@mlgov/plugin-ml-environments-common';
import { checkProjectTags } from './authority';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './createAccount.examples';
import { ensureAccount } from '@mlgov/plugin-ml-environments-node';
import { stepOf } from './step';

/**
 * Creates an AWS account in an OU, or reuses the organization's account with
 * that email, waiting for the asynchronous creation.
 *
 * @public
 */
export function createCreateAccountAction(sharedDeps: AwsMlActionDeps) {
  return createTemplateAction({
    id: 'aws:organizations:createAccount',
    description:
      'Creates an AWS account in the organization and moves it into an OU; an account with the same email is reused, never created twice',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe('Account name, 1 to 50 printable ASCII characters'),
        email: z =>
          z
            .string()
            .describe('Email of the account root user; unique across AWS'),
        ouPath: z =>
          z
            .string()
            .describe(
              'OU to place the account in, e.g. Workloads/Workloads_Dev',
            ),
        tags: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe('Tags for the account, e.g. ml-project and ml-stage'),
      },
      output: {
        accountId: z => z.string().describe('The 12-digit account id'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const { name, email, ouPath, tags = {} } = ctx.input;
      const path = parseOuPath(ouPath);
      const problems = [
        validateAccountName(name),
        validateAccountEmail(email),
        path.ok ? undefined : path.message,
        ...validateTags(tags),
      ].filter(Boolean);
      if (problems.length > 0) {
        throw new InputError(problems.join('; '));
      }
      await checkProjectTags(deps, ctx, tags, `Account ${name}`);
      const accountId = await ensureAccount(
        await deps.clients.organizations(),
        { name, email, ouPath, tags },
        stepOf(ctx, deps.provisioning),
      );
      ctx.output('accountId', accountId);
    },
  });
}
