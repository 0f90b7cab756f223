import {
  DescribeProductCommand,
  DescribePortfolioCommand,
  ListPortfoliosCommand,
  ListPrincipalsForPortfolioCommand,
  SearchProductsAsAdminCommand,
  SearchProductsCommand,
  AcceptPortfolioShareCommand,
  AssociatePrincipalWithPortfolioCommand,
  AssociateProductWithPortfolioCommand,
  CreatePortfolioCommand,
  CreatePortfolioShareCommand,
  CreateProductCommand,
  DescribePortfolioShareStatusCommand,
  DescribeProvisionedProductCommand,
  DescribeRecordCommand,
  ListAcceptedPortfolioSharesCommand,
  ListLaunchPathsCommand,
  ProvisionProductCommand,
  RejectPortfolioShareCommand,
  SearchProvisionedProductsCommand,
  TerminateProvisionedProductCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import {
  CreatePresignedDomainUrlCommand,
  CreateUserProfileCommand,
  DescribeDomainCommand,
  DescribeUserProfileCommand,
  ListDomainsCommand,
  ListUserProfilesCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  BudgetsClient,
  CreateBudgetCommand,
  DescribeBudgetCommand,
  DescribeNotificationsForBudgetCommand,
} from '@aws-sdk/client-budgets';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const SHARED_SERVICES = '333333333333';
const PROJECT_DEV = '444444444444';

describe('Service Catalog, SageMaker and Budgets', () => {
  let emulator: RunningEmulator;
  let devOuId: string;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator({
      config: { asyncDelayMs: 0 },
      seed: {
        // Team Shared Services may share with OUs (see shareToOu.test.ts).
        organization: {
          trustedServices: ['servicecatalog.amazonaws.com'],
          delegatedAdministrators: {
            'servicecatalog.amazonaws.com': ['Team Shared Services'],
          },
        },
        organizationalUnits: [
          {
            name: 'Workloads',
            accounts: [
              {
                name: 'Team Shared Services',
                email: 'tss@example.com',
                id: SHARED_SERVICES,
              },
            ],
            children: [
              {
                name: 'Workloads_Dev',
                accounts: [
                  {
                    name: 'churn-dev',
                    email: 'churn-dev@example.com',
                    id: PROJECT_DEV,
                  },
                ],
              },
            ],
          },
        ],
      },
    }));
    devOuId = [...emulator.state.ous.values()].find(
      o => o.name === 'Workloads_Dev',
    )!.id;
  });

  afterEach(() => emulator.close());

  /** Clients acting as OrganizationAccountAccessRole in an account. */
  async function clientsIn(accountId: string, on: RunningEmulator = emulator) {
    const sts = new STSClient(clientConfig(on));
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'test',
      }),
    );
    const config = clientConfig(
      on,
      Credentials!.AccessKeyId,
      Credentials!.SessionToken,
    );
    return {
      catalog: new ServiceCatalogClient(config),
      sageMaker: new SageMakerClient(config),
      budgets: new BudgetsClient(config),
    };
  }

  async function sharedStudioProduct(on: RunningEmulator = emulator) {
    const { catalog } = await clientsIn(SHARED_SERVICES, on);
    const { PortfolioDetail } = await catalog.send(
      new CreatePortfolioCommand({
        DisplayName: 'ML Platform',
        ProviderName: 'ML Platform Team',
        IdempotencyToken: 'portfolio-1',
      }),
    );
    const { ProductViewDetail, ProvisioningArtifactDetail } =
      await catalog.send(
        new CreateProductCommand({
          Name: 'SageMaker Studio domain',
          Owner: 'ML Platform Team',
          ProductType: 'CLOUD_FORMATION_TEMPLATE',
          ProvisioningArtifactParameters: {
            Name: 'v1',
            Info: { LoadTemplateFromURL: 'https://example.com/studio.yaml' },
            Type: 'CLOUD_FORMATION_TEMPLATE',
          },
          IdempotencyToken: 'product-1',
          Tags: [{ Key: 'emulator:kind', Value: 'sagemaker-studio-domain' }],
        }),
      );
    const productId = ProductViewDetail!.ProductViewSummary!.ProductId!;
    await catalog.send(
      new AssociateProductWithPortfolioCommand({
        ProductId: productId,
        PortfolioId: PortfolioDetail!.Id,
      }),
    );
    return {
      catalog,
      portfolioId: PortfolioDetail!.Id!,
      productId,
      artifactId: ProvisioningArtifactDetail!.Id!,
    };
  }

  it('honours IdempotencyToken: the same call twice makes one portfolio, other parameters are refused', async () => {
    const { catalog } = await clientsIn(SHARED_SERVICES);
    const create = (DisplayName: string) =>
      catalog.send(
        new CreatePortfolioCommand({
          DisplayName,
          ProviderName: 'ML Platform Team',
          IdempotencyToken: 'same-token',
        }),
      );
    const before = emulator.state.portfolios.size;
    const first = await create('Once');
    const second = await create('Once');
    expect(second.PortfolioDetail?.Id).toBe(first.PortfolioDetail?.Id);
    expect(emulator.state.portfolios.size).toBe(before + 1);
    const reused = await errorOf(create('Other'));
    expect(reused.name).toBe('InvalidParametersException');
    expect(reused.message).toBe(
      'IdempotencyToken same-token was used before with other parameters.',
    );
  });

  it('shares a portfolio with an OU, accepts it in a member account and provisions a Studio domain', async () => {
    const shared = await sharedStudioProduct();
    const { PortfolioShareToken } = await shared.catalog.send(
      new CreatePortfolioShareCommand({
        PortfolioId: shared.portfolioId,
        OrganizationNode: { Type: 'ORGANIZATIONAL_UNIT', Value: devOuId },
      }),
    );
    expect(PortfolioShareToken).toMatch(/^share-/);
    const status = await shared.catalog.send(
      new DescribePortfolioShareStatusCommand({ PortfolioShareToken }),
    );
    expect(status.Status).toBe('COMPLETED');
    expect(status.ShareDetails?.SuccessfulShares).toEqual([PROJECT_DEV]);

    const { catalog, sageMaker } = await clientsIn(PROJECT_DEV);
    const notImported = await errorOf(
      catalog.send(
        new AcceptPortfolioShareCommand({ PortfolioId: shared.portfolioId }),
      ),
    );
    expect(notImported.name).toBe('ResourceNotFoundException');
    await catalog.send(
      new AcceptPortfolioShareCommand({
        PortfolioId: shared.portfolioId,
        PortfolioShareType: 'AWS_ORGANIZATIONS',
      }),
    );
    const accepted = await catalog.send(
      new ListAcceptedPortfolioSharesCommand({
        PortfolioShareType: 'AWS_ORGANIZATIONS',
      }),
    );
    expect(accepted.PortfolioDetails?.map(p => p.Id)).toEqual([
      shared.portfolioId,
    ]);

    const provision = () =>
      catalog.send(
        new ProvisionProductCommand({
          ProductId: shared.productId,
          ProvisioningArtifactId: shared.artifactId,
          ProvisionedProductName: 'churn-studio',
          ProvisionToken: 'churn-studio-1',
          ProvisioningParameters: [{ Key: 'DomainName', Value: 'churn-dev' }],
          Tags: [{ Key: 'ml-project', Value: 'churn' }],
        }),
      );
    // Without a principal association the product is not launchable.
    expect((await errorOf(provision())).name).toBe('ResourceNotFoundException');
    await catalog.send(
      new AssociatePrincipalWithPortfolioCommand({
        PortfolioId: shared.portfolioId,
        PrincipalARN: `arn:aws:iam::${PROJECT_DEV}:role/OrganizationAccountAccessRole`,
        PrincipalType: 'IAM',
      }),
    );
    const paths = await catalog.send(
      new ListLaunchPathsCommand({ ProductId: shared.productId }),
    );
    expect(paths.LaunchPathSummaries?.map(p => p.Name)).toEqual([
      'ML Platform',
    ]);

    const { RecordDetail } = await provision();
    expect(RecordDetail?.Status).toBe('CREATED');
    const again = await provision();
    expect(again.RecordDetail?.RecordId).toBe(RecordDetail?.RecordId);

    const record = await catalog.send(
      new DescribeRecordCommand({ Id: RecordDetail!.RecordId }),
    );
    expect(record.RecordDetail?.Status).toBe('SUCCEEDED');
    const outputs = Object.fromEntries(
      record.RecordOutputs!.map(o => [o.OutputKey, o.OutputValue]),
    );
    expect(outputs.DomainId).toMatch(/^d-[a-z0-9]+$/);

    const search = await catalog.send(
      new SearchProvisionedProductsCommand({
        Filters: { SearchQuery: ['name:churn-studio'] },
      }),
    );
    expect(search.ProvisionedProducts?.map(p => [p.Name, p.Status])).toEqual([
      ['churn-studio', 'AVAILABLE'],
    ]);
    const described = await catalog.send(
      new DescribeProvisionedProductCommand({ Name: 'churn-studio' }),
    );
    expect(described.ProvisionedProductDetail?.LastRecordId).toBe(
      RecordDetail?.RecordId,
    );

    const duplicate = await errorOf(
      catalog.send(
        new ProvisionProductCommand({
          ProductId: shared.productId,
          ProvisioningArtifactId: shared.artifactId,
          ProvisionedProductName: 'churn-studio',
          ProvisionToken: 'another-token',
        }),
      ),
    );
    expect(duplicate.name).toBe('DuplicateResourceException');

    // The domain exists in the project account, and only there.
    const domains = await sageMaker.send(new ListDomainsCommand({}));
    expect(domains.Domains?.map(d => d.DomainId)).toEqual([outputs.DomainId]);
    const domain = await sageMaker.send(
      new DescribeDomainCommand({ DomainId: outputs.DomainId }),
    );
    expect(domain.AuthMode).toBe('IAM');
    const elsewhere = await clientsIn(SHARED_SERVICES);
    expect(
      (await elsewhere.sageMaker.send(new ListDomainsCommand({}))).Domains,
    ).toEqual([]);

    // Terminating takes the product and its domain away; the token repeats.
    const terminate = () =>
      catalog.send(
        new TerminateProvisionedProductCommand({
          ProvisionedProductName: 'churn-studio',
          TerminateToken: 'offboard-churn-studio',
        }),
      );
    const terminated = await terminate();
    expect(terminated.RecordDetail?.RecordType).toBe(
      'TERMINATE_PROVISIONED_PRODUCT',
    );
    const ended = await catalog.send(
      new DescribeRecordCommand({ Id: terminated.RecordDetail!.RecordId }),
    );
    expect(ended.RecordDetail?.Status).toBe('SUCCEEDED');
    expect((await terminate()).RecordDetail?.RecordId).toBe(
      terminated.RecordDetail?.RecordId,
    );
    expect(
      (
        await errorOf(
          catalog.send(
            new DescribeProvisionedProductCommand({ Name: 'churn-studio' }),
          ),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
    expect((await sageMaker.send(new ListDomainsCommand({}))).Domains).toEqual(
      [],
    );
    const missing = await errorOf(
      catalog.send(
        new TerminateProvisionedProductCommand({
          ProvisionedProductName: 'churn-studio',
          TerminateToken: 'another-token',
        }),
      ),
    );
    expect(missing.name).toBe('ResourceNotFoundException');

    // The recipient can reject the share it accepted, once.
    const reject = () =>
      catalog.send(
        new RejectPortfolioShareCommand({
          PortfolioId: shared.portfolioId,
          PortfolioShareType: 'AWS_ORGANIZATIONS',
        }),
      );
    await reject();
    expect(
      (
        await catalog.send(
          new ListAcceptedPortfolioSharesCommand({
            PortfolioShareType: 'AWS_ORGANIZATIONS',
          }),
        )
      ).PortfolioDetails,
    ).toEqual([]);
    expect((await errorOf(reject())).name).toBe('ResourceNotFoundException');
  });

  it('moves a provisioning record through CREATED, IN_PROGRESS and SUCCEEDED', async () => {
    const slow = await startTestEmulator({
      config: { asyncDelayMs: 400 },
      seed: {
        accounts: [
          {
            name: 'Team Shared Services',
            email: 'tss@example.com',
            id: SHARED_SERVICES,
          },
          {
            name: 'churn-dev',
            email: 'churn-dev@example.com',
            id: PROJECT_DEV,
          },
        ],
      },
    });
    try {
      const shared = await sharedStudioProduct(slow.emulator);
      await shared.catalog.send(
        new CreatePortfolioShareCommand({
          PortfolioId: shared.portfolioId,
          AccountId: PROJECT_DEV,
        }),
      );
      const { catalog } = await clientsIn(PROJECT_DEV, slow.emulator);
      await catalog.send(
        new AcceptPortfolioShareCommand({ PortfolioId: shared.portfolioId }),
      );
      await catalog.send(
        new AssociatePrincipalWithPortfolioCommand({
          PortfolioId: shared.portfolioId,
          PrincipalARN: `arn:aws:iam::${PROJECT_DEV}:role/OrganizationAccountAccessRole`,
          PrincipalType: 'IAM',
        }),
      );
      const { RecordDetail } = await catalog.send(
        new ProvisionProductCommand({
          ProductId: shared.productId,
          ProvisioningArtifactId: shared.artifactId,
          ProvisionedProductName: 'studio',
          ProvisionToken: 'studio-1',
        }),
      );
      const status = async () =>
        (
          await catalog.send(
            new DescribeRecordCommand({ Id: RecordDetail!.RecordId }),
          )
        ).RecordDetail?.Status;
      const seen = [RecordDetail?.Status];
      const deadline = Date.now() + 5000;
      while (seen[seen.length - 1] !== 'SUCCEEDED' && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 50));
        const next = await status();
        if (next !== seen[seen.length - 1]) seen.push(next);
      }
      expect(seen).toEqual(['CREATED', 'IN_PROGRESS', 'SUCCEEDED']);
    } finally {
      await slow.emulator.close();
    }
  });

  it('lists portfolios, products and principals to their owner and to importers', async () => {
    const shared = await sharedStudioProduct();
    const owned = await shared.catalog.send(new ListPortfoliosCommand({}));
    expect(owned.PortfolioDetails?.map(p => p.DisplayName)).toEqual([
      'ML Platform',
    ]);
    const products = await shared.catalog.send(
      new SearchProductsAsAdminCommand({ PortfolioId: shared.portfolioId }),
    );
    expect(
      products.ProductViewDetails?.map(p => p.ProductViewSummary?.Name),
    ).toEqual(['SageMaker Studio domain']);
    await shared.catalog.send(
      new CreatePortfolioShareCommand({
        PortfolioId: shared.portfolioId,
        AccountId: PROJECT_DEV,
      }),
    );

    const { catalog } = await clientsIn(PROJECT_DEV);
    const hidden = await errorOf(
      catalog.send(new DescribePortfolioCommand({ Id: shared.portfolioId })),
    );
    expect(hidden.name).toBe('ResourceNotFoundException');
    await catalog.send(
      new AcceptPortfolioShareCommand({ PortfolioId: shared.portfolioId }),
    );
    const described = await catalog.send(
      new DescribePortfolioCommand({ Id: shared.portfolioId }),
    );
    expect(described.PortfolioDetail?.ProviderName).toBe('ML Platform Team');
    expect(
      (await catalog.send(new SearchProductsCommand({}))).ProductViewSummaries,
    ).toEqual([]);
    await catalog.send(
      new AssociatePrincipalWithPortfolioCommand({
        PortfolioId: shared.portfolioId,
        PrincipalARN: `arn:aws:iam::${PROJECT_DEV}:role/OrganizationAccountAccessRole`,
        PrincipalType: 'IAM',
      }),
    );
    const principals = await catalog.send(
      new ListPrincipalsForPortfolioCommand({
        PortfolioId: shared.portfolioId,
      }),
    );
    expect(principals.Principals?.map(p => p.PrincipalType)).toEqual(['IAM']);
    const product = await catalog.send(
      new DescribeProductCommand({ Name: 'SageMaker Studio domain' }),
    );
    expect(product.ProvisioningArtifacts?.map(a => [a.Id, a.Name])).toEqual([
      [shared.artifactId, 'v1'],
    ]);
    expect(product.LaunchPaths?.map(p => p.Id)).toEqual([shared.portfolioId]);
    const launchable = await catalog.send(new SearchProductsCommand({}));
    expect(launchable.ProductViewSummaries?.map(p => p.ProductId)).toEqual([
      shared.productId,
    ]);
  });

  it("pages lists by 20 unless asked, within the page size each operation's model allows", async () => {
    const { catalog } = await clientsIn(SHARED_SERVICES);
    for (let i = 1; i <= 23; i++) {
      await catalog.send(
        new CreatePortfolioCommand({
          DisplayName: `Portfolio ${i}`,
          ProviderName: 'Platform',
        }),
      );
    }
    const first = await catalog.send(new ListPortfoliosCommand({}));
    expect(first.PortfolioDetails).toHaveLength(20);
    const second = await catalog.send(
      new ListPortfoliosCommand({ PageToken: first.NextPageToken }),
    );
    expect(second.PortfolioDetails?.map(p => p.DisplayName)).toEqual([
      'Portfolio 21',
      'Portfolio 22',
      'Portfolio 23',
    ]);
    expect(second.NextPageToken).toBeUndefined();
    const tooMany = await errorOf(
      catalog.send(new ListPortfoliosCommand({ PageSize: 101 })),
    );
    expect(tooMany.name).toBe('InvalidParametersException');
    const portfolioId = first.PortfolioDetails![0].Id!;
    const tooManyProducts = await errorOf(
      catalog.send(
        new SearchProductsAsAdminCommand({
          PortfolioId: portfolioId,
          PageSize: 21,
        }),
      ),
    );
    expect(tooManyProducts.name).toBe('InvalidParametersException');
  });

  it('refuses malformed provisioning input', async () => {
    const { catalog } = await clientsIn(PROJECT_DEV);
    const badName = await errorOf(
      catalog.send(
        new ProvisionProductCommand({
          ProductId: 'prod-x',
          ProvisioningArtifactId: 'pa-x',
          ProvisionedProductName: '-bad name',
          ProvisionToken: 't',
        }),
      ),
    );
    expect(badName.name).toBe('InvalidParametersException');
  });

  it('creates user profiles and short-lived presigned Studio URLs', async () => {
    const shared = await sharedStudioProduct();
    await shared.catalog.send(
      new CreatePortfolioShareCommand({
        PortfolioId: shared.portfolioId,
        AccountId: PROJECT_DEV,
      }),
    );
    const { catalog, sageMaker } = await clientsIn(PROJECT_DEV);
    await catalog.send(
      new AcceptPortfolioShareCommand({ PortfolioId: shared.portfolioId }),
    );
    await catalog.send(
      new AssociatePrincipalWithPortfolioCommand({
        PortfolioId: shared.portfolioId,
        PrincipalARN: 'arn:aws:iam:::role/OrganizationAccountAccess*',
        PrincipalType: 'IAM_PATTERN',
      }),
    );
    const { RecordDetail } = await catalog.send(
      new ProvisionProductCommand({
        ProductId: shared.productId,
        ProvisioningArtifactId: shared.artifactId,
        ProvisionedProductName: 'studio',
        ProvisionToken: 'studio-1',
      }),
    );
    const { RecordOutputs } = await catalog.send(
      new DescribeRecordCommand({ Id: RecordDetail!.RecordId }),
    );
    const domainId = RecordOutputs!.find(o => o.OutputKey === 'DomainId')!
      .OutputValue!;

    const { UserProfileArn } = await sageMaker.send(
      new CreateUserProfileCommand({
        DomainId: domainId,
        UserProfileName: 'jane-doe',
      }),
    );
    expect(UserProfileArn).toBe(
      `arn:aws:sagemaker:us-east-1:${PROJECT_DEV}:user-profile/${domainId}/jane-doe`,
    );
    const profile = await sageMaker.send(
      new DescribeUserProfileCommand({
        DomainId: domainId,
        UserProfileName: 'jane-doe',
      }),
    );
    expect(profile.Status).toBe('InService');
    const profiles = await sageMaker.send(
      new ListUserProfilesCommand({ DomainIdEquals: domainId }),
    );
    expect(profiles.UserProfiles?.map(p => p.UserProfileName)).toEqual([
      'jane-doe',
    ]);
    expect(
      (
        await errorOf(
          sageMaker.send(
            new CreateUserProfileCommand({
              DomainId: domainId,
              UserProfileName: 'jane-doe',
            }),
          ),
        )
      ).name,
    ).toBe('ResourceInUse');

    const { AuthorizedUrl } = await sageMaker.send(
      new CreatePresignedDomainUrlCommand({
        DomainId: domainId,
        UserProfileName: 'jane-doe',
        ExpiresInSeconds: 60,
      }),
    );
    // On the emulator itself (its Studio page), not a made-up AWS host.
    expect(AuthorizedUrl).toMatch(
      new RegExp(`^${emulator.url}/_studio/${domainId}/auth\\?token=`),
    );
    const tooLong = await errorOf(
      sageMaker.send(
        new CreatePresignedDomainUrlCommand({
          DomainId: domainId,
          UserProfileName: 'jane-doe',
          ExpiresInSeconds: 301,
        }),
      ),
    );
    expect(tooLong.name).toBe('ValidationException');
    const noProfile = await errorOf(
      sageMaker.send(
        new CreatePresignedDomainUrlCommand({
          DomainId: domainId,
          UserProfileName: 'someone-else',
        }),
      ),
    );
    expect(noProfile.name).toBe('ResourceNotFound');
  });

  it('creates and describes budgets in the caller account only', async () => {
    const { budgets } = await clientsIn(PROJECT_DEV);
    const budget = {
      BudgetName: 'churn-sandbox-monthly',
      BudgetLimit: { Amount: '500', Unit: 'USD' },
      TimeUnit: 'MONTHLY' as const,
      BudgetType: 'COST' as const,
    };
    await budgets.send(
      new CreateBudgetCommand({
        AccountId: PROJECT_DEV,
        Budget: budget,
        NotificationsWithSubscribers: [
          {
            Notification: {
              NotificationType: 'ACTUAL',
              ComparisonOperator: 'GREATER_THAN',
              Threshold: 80,
              ThresholdType: 'PERCENTAGE',
            },
            Subscribers: [
              { SubscriptionType: 'EMAIL', Address: 'team@example.com' },
            ],
          },
        ],
      }),
    );
    const described = await budgets.send(
      new DescribeBudgetCommand({
        AccountId: PROJECT_DEV,
        BudgetName: budget.BudgetName,
      }),
    );
    expect(described.Budget?.BudgetLimit).toEqual({
      Amount: '500',
      Unit: 'USD',
    });
    const notifications = await budgets.send(
      new DescribeNotificationsForBudgetCommand({
        AccountId: PROJECT_DEV,
        BudgetName: budget.BudgetName,
      }),
    );
    expect(notifications.Notifications?.map(n => n.Threshold)).toEqual([80]);
    const duplicate = await errorOf(
      budgets.send(
        new CreateBudgetCommand({ AccountId: PROJECT_DEV, Budget: budget }),
      ),
    );
    expect(duplicate.name).toBe('DuplicateRecordException');
    const missing = await errorOf(
      budgets.send(
        new DescribeBudgetCommand({
          AccountId: PROJECT_DEV,
          BudgetName: 'nope',
        }),
      ),
    );
    expect(missing.name).toBe('NotFoundException');
    const otherAccount = await errorOf(
      budgets.send(
        new DescribeBudgetCommand({
          AccountId: SHARED_SERVICES,
          BudgetName: 'x',
        }),
      ),
    );
    expect(otherAccount.name).toBe('AccessDeniedException');
  });
});
