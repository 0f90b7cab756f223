import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseOuPath } from '@mlgov/plugin-ml-environments-common';
import { checkOrganizationChange } from './authority';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './registerOrganizationalUnit.examples';
import { ensureOuRegistered, findOu } from '@mlgov/plugin-ml-environments-node';
import { stepOf } from './step';

/**
 * Registers an OU, and the ancestors that are not yet, with AWS Control
 * Tower, so that its controls can be enabled; a registered OU is left as it
 * is.
 *
 * @public
 */
export function createRegisterOrganizationalUnitAction(
  sharedDeps: AwsMlActionDeps,
) {
  return createTemplateAction({
    id: 'aws:controltower:registerOrganizationalUnit',
    description:
      "Registers an OU (and its unregistered parents) with AWS Control Tower by enabling the AWSControlTowerBaseline, with the landing zone's Identity Center baseline when it has one; waits for it",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ouPath: z =>
          z.string().describe('OU path, e.g. Workloads/Workloads_Dev'),
      },
      output: {
        ouArn: z => z.string().describe('ARN of the registered OU'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const parsed = parseOuPath(ctx.input.ouPath);
      if (!parsed.ok) throw new InputError(parsed.message);
      await checkOrganizationChange(
        deps,
        ctx,
        `Registering OU ${ctx.input.ouPath} with Control Tower`,
      );
      const org = await deps.clients.organizations();
      const controlTower = await deps.clients.controlTower();
      const step = stepOf(ctx, deps.provisioning);
      let arn = '';
      for (let depth = 1; depth <= parsed.names.length; depth++) {
        const path = parsed.names.slice(0, depth).join('/');
        const ou = await findOu(org, path);
        if (!ou) {
          throw new InputError(
            `OU ${path} does not exist; add an aws:organizations:ensureOrganizationalUnit step before this one`,
          );
        }
        await ensureOuRegistered(controlTower, { arn: ou.Arn!, path }, step);
        arn = ou.Arn!;
      }
      ctx.output('ouArn', arn);
    },
  });
}
