import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseOuPath } from '@mlgov/plugin-ml-environments-common';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './ensureOrganizationalUnit.examples';
import { ensureOuPath } from '@mlgov/plugin-ml-environments-node';
import { stepOf } from './step';

/**
 * Makes sure an OU path exists below the organization's root, creating the
 * OUs that are missing. Running it again changes nothing.
 *
 * @public
 */
export function createEnsureOrganizationalUnitAction(
  sharedDeps: AwsMlActionDeps,
) {
  return createTemplateAction({
    id: 'aws:organizations:ensureOrganizationalUnit',
    description:
      'Ensures an organizational unit path, such as Workloads/Workloads_Dev, exists below the root of the AWS organization, creating the OUs that are missing',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe(
              'OU names from the root down, separated by /, e.g. Workloads/Workloads_Dev',
            ),
      },
      output: {
        ouId: z => z.string().describe('Id of the last OU of the path'),
        ouArn: z => z.string().describe('ARN of the last OU of the path'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const parsed = parseOuPath(ctx.input.path);
      if (!parsed.ok) {
        throw new InputError(parsed.message);
      }
      const client = await deps.clients.organizations();
      const ou = await ensureOuPath(
        client,
        ctx.input.path,
        stepOf(ctx, deps.provisioning),
      );
      ctx.output('ouId', ou.id);
      ctx.output('ouArn', ou.arn);
    },
  });
}
