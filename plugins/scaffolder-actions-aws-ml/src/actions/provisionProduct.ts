import {
  ACCOUNT_ID_PATTERN,
  resourceTagsOf,
} from '@mlgov/plugin-ml-environments-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { checkAccountProject } from './authority';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './provisionProduct.examples';
import { ensureProductProvisioned } from '@mlgov/plugin-ml-environments-node';
import { stepOf } from './step';

/**
 * Provisions a Service Catalog product in a project account and returns its
 * outputs; a product already provisioned under that name is not provisioned
 * again.
 *
 * @public
 */
export function createProvisionProductAction(sharedDeps: AwsMlActionDeps) {
  return createTemplateAction({
    id: 'aws:servicecatalog:provisionProduct',
    description:
      "Provisions a Service Catalog product (e.g. one of the ML platform's: ML Studio domain, ML deploy pipeline) in an account through its access role, waits for the record and outputs the record outputs",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        accountId: z =>
          z
            .string()
            .regex(new RegExp(ACCOUNT_ID_PATTERN))
            .describe('Account to provision in'),
        product: z =>
          z
            .string()
            .describe(
              'Product name, as shared from the team shared services account',
            ),
        provisionedProductName: z =>
          z
            .string()
            .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$/)
            .describe('Name of the provisioned product, unique in the account'),
        parameters: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe('Provisioning parameters'),
        tags: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe('Tags, with non-empty values'),
      },
      output: {
        outputs: z =>
          z
            .record(z.string(), z.string())
            .describe('The record outputs, e.g. DomainId'),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const accountTags = await checkAccountProject(
        deps,
        ctx,
        ctx.input.accountId,
      );
      const { serviceCatalog } = await deps.clients.forAccount(
        ctx.input.accountId,
      );
      const outputs = await ensureProductProvisioned(
        serviceCatalog,
        {
          accountId: ctx.input.accountId,
          product: ctx.input.product,
          provisionedProductName: ctx.input.provisionedProductName,
          parameters: ctx.input.parameters ?? {},
          // The account's scheme tags, which its cost-tag guardrail requires
          // on what the stack makes; the template's tags cannot relabel them.
          tags: { ...ctx.input.tags, ...resourceTagsOf(accountTags) },
        },
        stepOf(ctx, deps.provisioning),
      );
      ctx.output('outputs', outputs);
    },
  });
}
