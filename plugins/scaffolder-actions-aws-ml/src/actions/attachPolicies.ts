import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GUARDRAILS,
  findGuardrail,
  scpOfGuardrail,
} from '@mlgov/plugin-ml-environments-common';
import {
  checkScpQuota,
  ensurePoliciesAttached,
  PolicyRequest,
  resolvePolicyTarget,
  validateScpContent,
} from '@mlgov/plugin-ml-environments-node';
import { checkAccountProject, checkOrganizationChange } from './authority';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './attachPolicies.examples';
import { stepOf } from './step';

/** Every character counts toward the 5,120 limit, so SCPs are stored minified. */
function minified(content: string) {
  try {
    return JSON.stringify(JSON.parse(content));
  } catch {
    return content; // validateScpContent explains what is wrong with it
  }
}

/**
 * Attaches guardrail SCPs (from the library, or custom documents) to an OU or
 * account: creates the missing policies and skips attached ones, after
 * checking every document and the SCP quota.
 *
 * @public
 */
export function createAttachPoliciesAction(sharedDeps: AwsMlActionDeps) {
  const scpIds = GUARDRAILS.filter(g => g.kind === 'scp').map(g => g.id);
  return createTemplateAction({
    id: 'aws:organizations:attachPolicies',
    description:
      'Attaches guardrail service control policies to an OU or account, creating missing policies and skipping attached ones; fails before any change if a document is invalid or the SCP quota would be exceeded',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ouPath: z =>
          z
            .string()
            .optional()
            .describe('Target OU path, e.g. Workloads/Workloads_Dev'),
        accountId: z =>
          z.string().optional().describe('Target account id, instead of an OU'),
        guardrails: z =>
          z
            .array(z.string())
            .optional()
            .describe(`Guardrail ids from the library: ${scpIds.join(', ')}`),
        policies: z =>
          z
            .array(
              z.object({
                name: z.string(),
                description: z.string().optional(),
                content: z.string().describe('The SCP document as JSON'),
              }),
            )
            .optional()
            .describe('Custom SCP documents'),
      },
      output: {
        policyIds: z =>
          z.record(z.string(), z.string()).describe('Policy id by name'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const { guardrails = [], policies: custom = [] } = ctx.input;
      const unknown = guardrails.filter(
        id => findGuardrail(id)?.kind !== 'scp',
      );
      if (unknown.length > 0) {
        throw new InputError(
          `Unknown guardrail SCP ${unknown.join(
            ', ',
          )}; the library has ${scpIds.join(', ')}`,
        );
      }
      // The documents keep the carve-outs of approved exceptions.
      const exemptions =
        guardrails.length > 0
          ? await deps.projects.activeExemptions(
              await ctx.getInitiatorCredentials(),
            )
          : [];
      const policies: PolicyRequest[] = [
        ...guardrails.map(id => {
          const guardrail = findGuardrail(id)!;
          if (guardrail.kind !== 'scp') throw new Error('unreachable');
          return scpOfGuardrail(guardrail, {
            ...deps.provisioning.guardrailParameters,
            exemptions,
          });
        }),
        ...custom.map(p => ({
          name: p.name,
          description: p.description ?? '',
          content: minified(p.content),
        })),
      ];
      if (policies.length === 0) {
        throw new InputError('Give at least one guardrail or policy to attach');
      }
      const problems = (
        await Promise.all(
          policies.map(p => validateScpContent(p.name, p.content)),
        )
      ).flat();
      if (problems.length > 0) {
        throw new InputError(problems.join('; '));
      }

      const client = await deps.clients.organizations();
      const target = await resolvePolicyTarget(client, ctx.input);
      if (ctx.input.accountId) {
        await checkAccountProject(deps, ctx, ctx.input.accountId);
      } else {
        await checkOrganizationChange(
          deps,
          ctx,
          `Attaching SCPs to ${target.label}`,
        );
      }
      const overQuota = await checkScpQuota(
        client,
        target,
        policies.map(p => p.name),
        deps.provisioning.scpQuota,
      );
      if (overQuota) {
        throw new InputError(overQuota);
      }
      const policyIds = await ensurePoliciesAttached(
        client,
        target,
        policies,
        stepOf(ctx, deps.provisioning),
      );
      ctx.output('policyIds', policyIds);
    },
  });
}
