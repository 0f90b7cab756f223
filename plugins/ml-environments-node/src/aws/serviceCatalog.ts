import {
  AcceptPortfolioShareCommand,
  AssociatePrincipalWithPortfolioCommand,
  CreatePortfolioShareCommand,
  DescribePortfolioShareStatusCommand,
  DescribeProductCommand,
  DescribeRecordCommand,
  ProvisionProductCommand,
  RejectPortfolioShareCommand,
  ResourceNotFoundException,
  ServiceCatalogClient,
  TerminateProvisionedProductCommand,
  DescribeProvisionedProductCommand,
  paginateListAcceptedPortfolioShares,
  paginateListPortfolios,
  paginateListPrincipalsForPortfolio,
  paginateSearchProvisionedProducts,
} from '@aws-sdk/client-service-catalog';
import {
  SageMakerClient,
  paginateListUserProfiles,
} from '@aws-sdk/client-sagemaker';
import { ACCOUNT_TAGS } from '@mlgov/plugin-ml-environments-common';
import { allPages } from '../pages';
import { syncUserProfiles } from './sagemaker';
import { createHash } from 'node:crypto';
import { DRY_RUN_ID, ProvisioningStep, poll } from './step';
import { currentArtifact } from './productVersions';

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

export interface ProvisionRequest {
  accountId: string;
  product: string;
  provisionedProductName: string;
  parameters: Record<string, string>;
  tags: Record<string, string>;
}

/**
 * Provisions the product unless a provisioned product of that name exists,
 * waits for the record and returns its outputs. The provision token is
 * derived from the account and name, so a retried call cannot provision twice.
 */
export async function ensureProductProvisioned(
  client: ServiceCatalogClient,
  request: ProvisionRequest,
  step: ProvisioningStep,
): Promise<Record<string, string>> {
  const provisioned = await allPages(
    paginateSearchProvisionedProducts(
      { client },
      { Filters: { SearchQuery: [`name:${request.provisionedProductName}`] } },
    ),
    page => page.ProvisionedProducts,
  );
  let recordId = provisioned.find(
    p => p.Name === request.provisionedProductName,
  )?.LastRecordId;
  if (recordId) {
    step.logger.info(
      `${request.provisionedProductName} is already provisioned in ${request.accountId}`,
    );
  } else if (step.isDryRun) {
    step.logger.info(
      `Dry run: would provision ${request.product} as ${request.provisionedProductName} in ${request.accountId}`,
    );
    return { ProvisionedProductName: DRY_RUN_ID };
  } else {
    recordId = await step.checkpoint(
      `servicecatalog.provision.${request.accountId}.${request.provisionedProductName}`,
      async () => {
        const product = await client.send(
          new DescribeProductCommand({ Name: request.product }),
        );
        // The version the platform team published last (see productPublishing).
        const artifact = currentArtifact(product.ProvisioningArtifacts ?? []);
        if (!artifact || !product.LaunchPaths?.length) {
          throw new Error(
            `Product '${request.product}' has no active version or launch path in ${request.accountId}; check the portfolio is shared and accepted there`,
          );
        }
        const { RecordDetail } = await client.send(
          new ProvisionProductCommand({
            ProductId: product.ProductViewSummary!.ProductId,
            ProvisioningArtifactId: artifact.Id,
            PathId: product.LaunchPaths[0].Id,
            ProvisionedProductName: request.provisionedProductName,
            ProvisionToken: createHash('sha256')
              .update(`${request.accountId}/${request.provisionedProductName}`)
              .digest('hex')
              .slice(0, 64),
            ProvisioningParameters: Object.entries(request.parameters).map(
              ([Key, Value]) => ({ Key, Value }),
            ),
            Tags: Object.entries(request.tags).map(([Key, Value]) => ({
              Key,
              Value,
            })),
          }),
        );
        step.logger.info(
          `Provisioning ${request.product} as ${
            request.provisionedProductName
          } (${RecordDetail!.RecordId})`,
        );
        return RecordDetail!.RecordId!;
      },
    );
  }
  const record = await poll(
    step,
    `${request.provisionedProductName} in ${request.accountId}`,
    () => client.send(new DescribeRecordCommand({ Id: recordId })),
    r => ['SUCCEEDED', 'FAILED'].includes(r.RecordDetail?.Status ?? ''),
    r => r.RecordDetail?.Status ?? 'unknown',
  );
  if (record.RecordDetail?.Status !== 'SUCCEEDED') {
    const errors = (record.RecordDetail?.RecordErrors ?? []).map(
      e => `${e.Code}: ${e.Description}`,
    );
    throw new Error(
      `Provisioning ${request.provisionedProductName} failed: ${
        errors.join('; ') || 'no details'
      }. Fix the cause, terminate the failed product in Service Catalog, and run the template again`,
    );
  }
  return Object.fromEntries(
    (record.RecordOutputs ?? []).map(o => [o.OutputKey!, o.OutputValue ?? '']),
  );
}

/**
 * Terminates the products launched for a project in one of its accounts
 * (the Studio domain with its user profiles, the pipeline) and waits for
 * each termination. The terminate token is derived from the account and
 * product, so a retried call cannot start a second termination.
 *
 * @returns the names of the products terminated (or that a dry run would terminate)
 */
export async function ensureProjectProductsTerminated(
  client: ServiceCatalogClient,
  accountId: string,
  project: string,
  step: ProvisioningStep,
  /**
   * The account's SageMaker and the Studio profiles the suite made (its own
   * record): SageMaker refuses to delete a domain that holds profiles, so
   * they go first, and profiles someone else made stop the run, named.
   */
  studio?: { sageMaker: SageMakerClient; madeBySuite: string[] },
): Promise<string[]> {
  const provisioned = await allPages(
    paginateSearchProvisionedProducts({ client }, {}),
    page => page.ProvisionedProducts,
  );
  const ours = provisioned.filter(p =>
    p.Tags?.some(t => t.Key === ACCOUNT_TAGS.project && t.Value === project),
  );
  for (const product of ours) {
    if (step.isDryRun) {
      step.logger.info(
        `Dry run: would terminate ${product.Name} in ${accountId}, ending its Studio access`,
      );
      continue;
    }
    const domainId = studio && (await domainOf(client, product.Id!));
    if (studio && domainId) {
      await ensureSuiteProfilesGone(studio.sageMaker, {
        domainId,
        accountId,
        madeBySuite: studio.madeBySuite,
        step,
      });
    }
    const { RecordDetail } = await client.send(
      new TerminateProvisionedProductCommand({
        ProvisionedProductId: product.Id,
        // A token per attempt: AWS answers a used token with its first
        // record, so after a failed termination the next one needs its own.
        TerminateToken: createHash('sha256')
          .update(
            `terminate/${accountId}/${product.Id}${
              (await failedTermination(client, product.LastRecordId)) ?? ''
            }`,
          )
          .digest('hex')
          .slice(0, 64),
      }),
    );
    const record = await poll(
      step,
      `the termination of ${product.Name} in ${accountId}`,
      () =>
        client.send(new DescribeRecordCommand({ Id: RecordDetail!.RecordId })),
      r => ['SUCCEEDED', 'FAILED'].includes(r.RecordDetail?.Status ?? ''),
      r => r.RecordDetail?.Status ?? 'unknown',
    );
    if (record.RecordDetail?.Status !== 'SUCCEEDED') {
      throw new Error(
        `Terminating ${product.Name} in ${accountId} failed: ${
          (record.RecordDetail?.RecordErrors ?? [])
            .map(e => `${e.Code}: ${e.Description}`)
            .join('; ') || 'no details'
        }. Fix the cause in Service Catalog, then run the offboarding again`,
      );
    }
    step.logger.info(`Terminated ${product.Name} in ${accountId}`);
  }
  return ours.map(p => p.Name!);
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

/** The Studio domain a provisioned product made, from its provisioning record's outputs. */
async function domainOf(
  client: ServiceCatalogClient,
  provisionedProductId: string,
) {
  const { ProvisionedProductDetail } = await client.send(
    new DescribeProvisionedProductCommand({ Id: provisionedProductId }),
  );
  const recordId =
    ProvisionedProductDetail?.LastSuccessfulProvisioningRecordId ??
    ProvisionedProductDetail?.LastProvisioningRecordId;
  if (!recordId) return undefined;
  const { RecordOutputs } = await client.send(
    new DescribeRecordCommand({ Id: recordId }),
  );
  return RecordOutputs?.find(o => o.OutputKey === 'DomainId')?.OutputValue;
}

/**
 * Deletes the Studio profiles the suite made in a domain and waits until
 * they are gone; refuses, before anything is deleted, when profiles someone
 * else made would keep the domain from being deleted.
 */
async function ensureSuiteProfilesGone(
  sageMaker: SageMakerClient,
  options: {
    domainId: string;
    accountId: string;
    madeBySuite: string[];
    step: ProvisioningStep;
  },
) {
  const { domainId, accountId, step } = options;
  const ours = new Set(options.madeBySuite);
  const listed = async () =>
    allPages(
      paginateListUserProfiles(
        { client: sageMaker },
        { DomainIdEquals: domainId },
      ),
      page => page.UserProfiles,
    );
  const foreign = (await listed())
    .map(p => p.UserProfileName!)
    .filter(name => !ours.has(name));
  if (foreign.length > 0) {
    throw new Error(
      `Studio domain ${domainId} in ${accountId} holds user profiles the suite did not make (${foreign.join(
        ', ',
      )}), and SageMaker deletes no domain with profiles in it: delete them (ask their owners), then run the offboarding again`,
    );
  }
  if (step.isDryRun) {
    step.logger.info(
      `Dry run: would delete the Studio profiles ${
        [...ours].join(', ') || '(none)'
      } in ${domainId}`,
    );
    return;
  }
  const sync = await syncUserProfiles(sageMaker, {
    domainId,
    // No members: nothing is made, so no tags are needed.
    members: [],
    tags: {},
    madeBySuite: options.madeBySuite,
  });
  if (sync.inUse.length > 0) {
    throw new Error(
      `Studio profiles ${sync.inUse.join(
        ', ',
      )} in ${domainId} are in use (apps running): stop their apps, then run the offboarding again`,
    );
  }
  await poll(
    step,
    `the Studio profiles of ${domainId} to be deleted`,
    listed,
    profiles => profiles.length === 0,
    profiles => `${profiles.length} left`,
  );
  step.logger.info(
    `Deleted the Studio profiles ${
      sync.deleted.join(', ') || '(none left)'
    } in ${domainId}`,
  );
}

/** The record id of a termination that failed, if the product's last request was one. */
async function failedTermination(
  client: ServiceCatalogClient,
  lastRecordId: string | undefined,
) {
  if (!lastRecordId) return undefined;
  const { RecordDetail } = await client.send(
    new DescribeRecordCommand({ Id: lastRecordId }),
  );
  return RecordDetail?.RecordType === 'TERMINATE_PROVISIONED_PRODUCT' &&
    RecordDetail.Status === 'FAILED'
    ? `/${lastRecordId}`
    : undefined;
}
