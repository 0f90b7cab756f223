import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { partitionOf } from '@mlgov/plugin-ml-environments-common';
import {
  DRY_RUN_ID,
  ensureLaunchConstraint,
  ensureLaunchRole,
  ensureProductPublished,
  ensureTemplateUploaded,
  ensureTemplatesBucket,
  findOwnPortfolio,
  planProductPublishing,
} from '@mlgov/plugin-ml-environments-node';
import {
  PublishedProduct,
  publishedProducts,
} from '@mlgov/ml-environments-products';
import { checkOrganizationChange } from './authority';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './publishProducts.examples';
import { productTargetOus, refusedByGuardrails } from './publishProducts.check';
import { stepOf } from './step';

/**
 * Publishes the ML platform's products (templates synthesized from CDK in
 * `@mlgov/ml-environments-products`) to the portfolio of the team shared
 * services account: each new version checked first against the SCPs of
 * every OU that launches it, then uploaded, created as a product or a new
 * version, made the one provisioning launches, older versions deprecated.
 *
 * @public
 */
export function createPublishProductsAction(
  sharedDeps: AwsMlActionDeps,
  options: { products?: () => PublishedProduct[] } = {},
) {
  return createTemplateAction({
    id: 'aws:servicecatalog:publishProducts',
    description:
      "Publishes the ML platform's Service Catalog products (Studio domains, model build, registry, deploy pipeline, deployment roles) to the shared services portfolio, each version checked against the guardrails of the OUs that launch it; administrators only",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        products: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Product ids to publish, e.g. ml-studio-domain; all when none is given',
            ),
        bucket: z =>
          z
            .string()
            .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
            .optional()
            .describe(
              'S3 bucket in the shared services account for the templates; defaults to mlgov-products-<account>-<region>',
            ),
      },
      output: {
        published: z =>
          z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              version: z.string(),
              productId: z.string(),
              artifactId: z.string(),
              action: z.string(),
            }),
          ),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const settings = deps.provisioning.serviceCatalog;
      if (!settings) {
        throw new InputError(
          'mlEnvironments.serviceCatalog is not configured: set sharedServicesAccountId and portfolio in app-config',
        );
      }
      await checkOrganizationChange(
        deps,
        ctx,
        "Publishing the ML platform's products",
      );
      const all = (options.products ?? publishedProducts)();
      const wanted = ctx.input.products?.length
        ? ctx.input.products
        : all.map(p => p.id);
      const unknown = wanted.filter(id => !all.some(p => p.id === id));
      if (unknown.length) {
        throw new InputError(
          `Unknown product ${unknown.join(', ')}; the products are ${all
            .map(p => p.id)
            .join(', ')}`,
        );
      }
      const products = all.filter(p => wanted.includes(p.id));

      // Every version is judged before anything changes in AWS.
      const org = await deps.clients.organizations();
      const targets = await productTargetOus(
        org,
        products,
        settings.sharedServicesAccountId,
      );
      const credentials = await ctx.getInitiatorCredentials();
      const { refusals, unknowns } = await refusedByGuardrails(
        deps.projects,
        credentials,
        products,
        targets,
      );
      for (const undecided of unknowns) {
        ctx.logger.warn(`Guardrails may deny: ${undecided}`);
      }
      if (refusals.length) {
        throw new InputError(
          `Not published, nothing changed: ${refusals.join(
            '; ',
          )}. Change the product so its OUs' guardrails allow it, or ask for a guardrail exception`,
        );
      }

      const step = stepOf(ctx, deps.provisioning);
      const owner = await deps.clients.forAccount(
        settings.sharedServicesAccountId,
      );
      const portfolioId = await findOwnPortfolio(
        owner.serviceCatalog,
        settings.portfolio,
      );
      const plans = await planProductPublishing(
        owner.serviceCatalog,
        portfolioId,
        products,
      );
      const region = deps.clients.awsConfig.region;
      const location = {
        bucket:
          ctx.input.bucket ??
          `mlgov-products-${settings.sharedServicesAccountId}-${region}`,
        region,
        // Bucket names are anyone's: only the shared services account's.
        owner: settings.sharedServicesAccountId,
      };
      if (plans.some(p => p.action !== 'current')) {
        await ensureTemplatesBucket(owner.s3, location, step);
      }
      // Each product launches as the launch role (a LAUNCH constraint),
      // which AWS requires in the constraints' own account first.
      await ensureLaunchRole(
        owner.iam,
        settings.sharedServicesAccountId,
        {
          roleName: settings.launchRoleName,
          // Its policy reads templates from mlgov-products-* buckets of
          // this account, the same in every account, so provisioning puts
          // the same one.
          partition: partitionOf(region).partition,
          templatesAccount: settings.sharedServicesAccountId,
        },
        step,
      );
      const published = [];
      for (const plan of plans) {
        // A version already published keeps the template it was made from.
        const url =
          plan.action === 'current'
            ? ''
            : await ensureTemplateUploaded(
                owner.s3,
                location,
                plan.product,
                step,
              );
        const ids = await ensureProductPublished(
          owner.serviceCatalog,
          portfolioId,
          plan,
          url,
          step,
        );
        const product = products.find(p => p.name === plan.product.name)!;
        if (ids.productId !== DRY_RUN_ID) {
          await ensureLaunchConstraint(
            owner.serviceCatalog,
            portfolioId,
            { id: ids.productId, name: product.name },
            settings.launchRoleName,
            step,
          );
        }
        published.push({
          id: product.id,
          name: product.name,
          version: product.version,
          ...ids,
          action: plan.action,
        });
        ctx.logger.info(
          `${product.id} ${product.version}: ${
            plan.action === 'current' ? 'already current' : plan.action
          } (${ids.productId}/${ids.artifactId})`,
        );
      }
      ctx.output('published', published);
    },
  });
}
