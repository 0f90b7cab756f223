import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GUARDRAILS,
  findGuardrail,
} from '@mlgov/plugin-ml-environments-common';
import { checkOrganizationChange } from './authority';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './enableControls.examples';
import {
  ensureControlsEnabled,
  findOu,
} from '@mlgov/plugin-ml-environments-node';
import { stepOf } from './step';

/**
 * Enables Control Tower controls on an OU, waiting for each operation;
 * controls already enabled are skipped.
 *
 * @public
 */
export function createEnableControlsAction(sharedDeps: AwsMlActionDeps) {
  const controlIds = GUARDRAILS.filter(g => g.kind === 'control').map(
    g => g.id,
  );
  return createTemplateAction({
    id: 'aws:controltower:enableControls',
    description:
      'Enables AWS Control Tower controls on an OU and waits for them; controls already enabled are skipped',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ouPath: z =>
          z.string().describe('OU path, e.g. Workloads/Workloads_Prod'),
        controls: z =>
          z
            .array(z.string())
            .min(1)
            .describe(`Control ids from the library: ${controlIds.join(', ')}`),
      },
      output: {
        enabled: z => z.array(z.string()).describe('Controls this run enabled'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const unknown = ctx.input.controls.filter(
        id => findGuardrail(id)?.kind !== 'control',
      );
      if (unknown.length > 0) {
        throw new InputError(
          `Unknown control ${unknown.join(
            ', ',
          )}; the library has ${controlIds.join(', ')}`,
        );
      }
      const ou = await findOu(
        await deps.clients.organizations(),
        ctx.input.ouPath,
      );
      if (!ou) {
        throw new InputError(
          `OU ${ctx.input.ouPath} does not exist; add an aws:organizations:ensureOrganizationalUnit step before this one`,
        );
      }
      await checkOrganizationChange(
        deps,
        ctx,
        `Enabling controls on OU ${ctx.input.ouPath}`,
      );
      const enabled = await ensureControlsEnabled(
        await deps.clients.controlTower(),
        deps.clients.awsConfig.region,
        { arn: ou.Arn!, path: ctx.input.ouPath },
        ctx.input.controls,
        stepOf(ctx, deps.provisioning),
      );
      ctx.output('enabled', enabled);
    },
  });
}
