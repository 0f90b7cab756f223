import {
  AcceptPortfolioShareCommand,
  AssociatePrincipalWithPortfolioCommand,
  CreatePortfolioShareCommand,
  DescribePortfolioShareStatusCommand,
  RejectPortfolioShareCommand,
  ResourceNotFoundException,
  ServiceCatalogClient,
  paginateListAcceptedPortfolioShares,
  paginateListPortfolios,
  paginateListPrincipalsForPortfolio,
} from '@aws-sdk/client-service-catalog';
import { allPages } from '../pages';
import { ProvisioningStep, poll } from './step';

// Portfolio sharing and acceptance; launching products is in
// serviceCatalogProvisioning.ts, terminating them in serviceCatalogTermination.ts.

/** The id of a portfolio the account owns, by its display name. */
export async function findOwnPortfolio(
  client: ServiceCatalogClient,
  name: string,
) {
  const portfolios = await allPages(
    paginateListPortfolios({ client }, {}),
    page => page.PortfolioDetails,
  );
  const portfolio = portfolios.find(
    p => p.DisplayName === name || p.Id === name,
  );
  if (!portfolio) {
    throw new Error(
      `No portfolio named '${name}' in the shared services account; check mlEnvironments.serviceCatalog.portfolio`,
    );
  }
  return portfolio.Id!;
}

/** Shares the portfolio with an OU (organization share) or an account. */
export async function ensurePortfolioShared(
  owner: ServiceCatalogClient,
  portfolioId: string,
  target: { ouId: string; label: string } | { accountId: string },
  step: ProvisioningStep,
) {
  const label = 'ouId' in target ? target.label : `account ${target.accountId}`;
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would share portfolio ${portfolioId} with ${label}`,
    );
    return;
  }
  // Sharing again to the same target is a no-op in Service Catalog.
  const { PortfolioShareToken } = await owner.send(
    new CreatePortfolioShareCommand(
      'ouId' in target
        ? {
            PortfolioId: portfolioId,
            OrganizationNode: {
              Type: 'ORGANIZATIONAL_UNIT',
              Value: target.ouId,
            },
          }
        : { PortfolioId: portfolioId, AccountId: target.accountId },
    ),
  );
  if (PortfolioShareToken) {
    const status = await poll(
      step,
      `the share of portfolio ${portfolioId} with ${label}`,
      () =>
        owner.send(
          new DescribePortfolioShareStatusCommand({ PortfolioShareToken }),
        ),
      r => !['NOT_STARTED', 'IN_PROGRESS'].includes(r.Status ?? ''),
      r => r.Status ?? 'unknown',
    );
    if (status.Status !== 'COMPLETED') {
      throw new Error(
        `Sharing portfolio ${portfolioId} with ${label} ended ${
          status.Status
        }: ${JSON.stringify(status.ShareDetails?.ShareErrors ?? [])}`,
      );
    }
  }
  step.logger.info(`Portfolio ${portfolioId} is shared with ${label}`);
}

/** Whether the recipient account has accepted the portfolio. */
export async function hasAcceptedPortfolio(
  recipient: ServiceCatalogClient,
  portfolioId: string,
  shareType: 'AWS_ORGANIZATIONS' | 'IMPORTED',
) {
  const accepted = await allPages(
    paginateListAcceptedPortfolioShares(
      { client: recipient },
      { PortfolioShareType: shareType },
    ),
    page => page.PortfolioDetails,
  );
  return accepted.some(p => p.Id === portfolioId);
}

/** Accepts the share in the recipient account and associates the principals. */
export async function ensurePortfolioAccepted(
  recipient: ServiceCatalogClient,
  accountId: string,
  portfolioId: string,
  shareType: 'AWS_ORGANIZATIONS' | 'IMPORTED',
  principalArns: string[],
  step: ProvisioningStep,
) {
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would accept portfolio ${portfolioId} in ${accountId} and associate ${
        principalArns.join(', ') || 'no principals'
      }`,
    );
    return;
  }
  if (!(await hasAcceptedPortfolio(recipient, portfolioId, shareType))) {
    await recipient.send(
      new AcceptPortfolioShareCommand({
        PortfolioId: portfolioId,
        PortfolioShareType: shareType,
      }),
    );
    step.logger.info(`Accepted portfolio ${portfolioId} in ${accountId}`);
  }
  const principals = await allPages(
    paginateListPrincipalsForPortfolio(
      { client: recipient },
      { PortfolioId: portfolioId },
    ),
    page => page.Principals,
  );
  for (const arn of principalArns) {
    if (principals.some(p => p.PrincipalARN === arn)) continue;
    await recipient.send(
      new AssociatePrincipalWithPortfolioCommand({
        PortfolioId: portfolioId,
        PrincipalARN: arn,
        // A role path pattern has no account: arn:<partition>:iam:::role/...
        PrincipalType: /^arn:[\w-]+:iam:::/.test(arn) ? 'IAM_PATTERN' : 'IAM',
      }),
    );
    step.logger.info(
      `Associated ${arn} with portfolio ${portfolioId} in ${accountId}`,
    );
  }
}

/** Rejects the portfolio in the recipient account if it had accepted it. */
export async function ensurePortfolioRejected(
  recipient: ServiceCatalogClient,
  accountId: string,
  portfolioId: string,
  shareType: 'AWS_ORGANIZATIONS' | 'IMPORTED',
  step: ProvisioningStep,
) {
  if (!(await hasAcceptedPortfolio(recipient, portfolioId, shareType))) return;
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would reject portfolio ${portfolioId} in ${accountId}`,
    );
    return;
  }
  try {
    await recipient.send(
      new RejectPortfolioShareCommand({
        PortfolioId: portfolioId,
        PortfolioShareType: shareType,
      }),
    );
  } catch (error) {
    // A retry after a lost answer finds the share rejected already.
    if (
      !(error instanceof ResourceNotFoundException) ||
      (await hasAcceptedPortfolio(recipient, portfolioId, shareType))
    ) {
      throw error;
    }
  }
  step.logger.info(`Rejected portfolio ${portfolioId} in ${accountId}`);
}
