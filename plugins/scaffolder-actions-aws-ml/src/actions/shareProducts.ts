import { ACCOUNT_ID_PATTERN } from '@mlgov/plugin-ml-environments-common';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AwsMlActionDeps, depsForTask } from './deps';
import { examples } from './shareProducts.examples';
import {
  ensurePortfolioAccepted,
  launchPrincipalsFor,
  ensurePortfolioShared,
  findOu,
  findOwnPortfolio,
  portfolioSharingProblem,
} from '@mlgov/plugin-ml-environments-node';
import { stepOf } from './step';

/**
 * Shares the ML portfolio of the team shared services account with an OU or
 * account, then accepts it and associates principals in the project accounts.
 *
 * @public
 */
export function createShareProductsAction(sharedDeps: AwsMlActionDeps) {
  return createTemplateAction({
    id: 'aws:servicecatalog:shareProducts',
    description:
      'Shares a Service Catalog portfolio from the team shared services account with an OU or account, accepts it in the given accounts and associates principals there',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ouPath: z =>
          z
            .string()
            .optional()
            .describe('Share with this OU (organization share)'),
        accountId: z =>
          z.string().optional().describe('Or share with this account'),
        acceptIn: z =>
          z
            .array(z.string().regex(new RegExp(ACCOUNT_ID_PATTERN)))
            .describe('Accounts that accept the share'),
        portfolio: z =>
          z
            .string()
            .optional()
            .describe(
              'Portfolio display name; defaults to mlEnvironments.serviceCatalog.portfolio',
            ),
        principalArns: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Principals allowed to launch products; defaults to mlEnvironments.serviceCatalog.principalArns',
            ),
      },
      output: {
        portfolioId: z => z.string(),
      },
    },
    async handler(ctx) {
      const deps = depsForTask(sharedDeps, ctx.logger);
      const settings = deps.provisioning.serviceCatalog;
      if (!settings) {
        throw new InputError(
          'mlEnvironments.serviceCatalog is not configured: set sharedServicesAccountId, portfolio and products in app-config',
        );
      }
      const { ouPath, accountId } = ctx.input;
      if (Boolean(ouPath) === Boolean(accountId)) {
        throw new InputError(
          'Give exactly one of ouPath and accountId to share with',
        );
      }
      const step = stepOf(ctx, deps.provisioning);
      const owner = await deps.clients.forAccount(
        settings.sharedServicesAccountId,
      );
      const portfolioId = await findOwnPortfolio(
        owner.serviceCatalog,
        ctx.input.portfolio ?? settings.portfolio,
      );
      if (ouPath) {
        const org = await deps.clients.organizations();
        const ou = await findOu(org, ouPath);
        if (!ou) {
          throw new InputError(`OU ${ouPath} does not exist`);
        }
        // Said before the share, which AWS would refuse less helpfully.
        const problem = await portfolioSharingProblem(org, {
          ownerAccountId: settings.sharedServicesAccountId,
          managementAccountId: (
            await deps.clients.managementIdentity()
          ).accountId,
          portfolio: ctx.input.portfolio ?? settings.portfolio,
        });
        if (problem) throw new Error(problem);
        await ensurePortfolioShared(
          owner.serviceCatalog,
          portfolioId,
          { ouId: ou.Id!, label: `OU ${ouPath}` },
          step,
        );
      } else {
        await ensurePortfolioShared(
          owner.serviceCatalog,
          portfolioId,
          { accountId: accountId! },
          step,
        );
      }
      for (const recipient of ctx.input.acceptIn) {
        const { serviceCatalog } = await deps.clients.forAccount(recipient);
        await ensurePortfolioAccepted(
          serviceCatalog,
          recipient,
          portfolioId,
          ouPath ? 'AWS_ORGANIZATIONS' : 'IMPORTED',
          launchPrincipalsFor(
            recipient,
            ctx.input.principalArns ?? settings.principalArns,
            deps.clients.awsConfig,
          ),
          step,
        );
      }
      ctx.output('portfolioId', portfolioId);
    },
  });
}
