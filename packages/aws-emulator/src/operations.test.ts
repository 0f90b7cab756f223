import {
  BudgetsClient,
  CreateBudgetCommand,
  DescribeBudgetCommand,
  DescribeBudgetsCommand,
} from '@aws-sdk/client-budgets';
import {
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import {
  CreateDomainCommand,
  CreateUserProfileCommand,
  DeleteUserProfileCommand,
  DescribeDomainCommand,
  DescribeUserProfileCommand,
  ListDomainsCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  AcceptPortfolioShareCommand,
  CreatePortfolioCommand,
  CreatePortfolioShareCommand,
  CreateProductCommand,
  DescribePortfolioSharesCommand,
  DescribeProductAsAdminCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import {
  CreateBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const MEMBER_KEY = 'member-key';
const seed = {
  accounts: [
    { name: 'member', id: '222222222222', email: 'member@example.com' },
  ],
  accessKeys: { 'emulator-management': 'Management', [MEMBER_KEY]: 'member' },
};

describe('operations for bootstrapping and inspecting an organization', () => {
  it('creates an organization for a standalone account, and only once', async () => {
    const { emulator, organizations } = await startTestEmulator({
      seed: { organization: { exists: false } },
    });
    try {
      const before = await errorOf(
        organizations.send(new ListAccountsCommand({})),
      );
      expect(before.name).toBe('AWSOrganizationsNotInUseException');

      const { Organization } = await organizations.send(
        new CreateOrganizationCommand({ FeatureSet: 'ALL' }),
      );
      expect(Organization).toMatchObject({
        FeatureSet: 'ALL',
        MasterAccountId: '111111111111',
        AvailablePolicyTypes: [],
      });
      const again = await errorOf(
        organizations.send(new CreateOrganizationCommand({})),
      );
      expect(again.name).toBe('AlreadyInOrganizationException');
      const { Roots } = await organizations.send(new ListRootsCommand({}));
      expect(Roots).toHaveLength(1);
      const described = await organizations.send(
        new DescribeOrganizationCommand({}),
      );
      expect(described.Organization?.Id).toBe(Organization?.Id);
    } finally {
      await emulator.close();
    }
  });

  it('describes budgets with the defaults AWS fills in, a page at a time', async () => {
    const { emulator } = await startTestEmulator({ seed });
    const budgets = new BudgetsClient(clientConfig(emulator));
    try {
      for (const name of ['a', 'b', 'c']) {
        await budgets.send(
          new CreateBudgetCommand({
            AccountId: '111111111111',
            Budget: {
              BudgetName: `budget-${name}`,
              BudgetType: 'COST',
              TimeUnit: 'MONTHLY',
              BudgetLimit: { Amount: '100', Unit: 'USD' },
            },
          }),
        );
      }
      const { Budget } = await budgets.send(
        new DescribeBudgetCommand({
          AccountId: '111111111111',
          BudgetName: 'budget-a',
        }),
      );
      const now = new Date();
      expect(Budget?.TimePeriod?.Start).toEqual(
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
      );
      expect(Budget?.TimePeriod?.End).toEqual(new Date('2087-06-15T00:00:00Z'));
      expect(Budget?.CostTypes).toMatchObject({
        IncludeTax: true,
        UseBlended: false,
        UseAmortized: false,
      });
      // The month's spend so far (costexplorer.test.ts checks the figure).
      expect(Budget?.CalculatedSpend?.ActualSpend).toEqual({
        Amount: expect.stringMatching(/^\d+\.\d{2}$/),
        Unit: 'USD',
      });
      expect(Budget?.LastUpdatedTime).toBeInstanceOf(Date);

      const first = await budgets.send(
        new DescribeBudgetsCommand({
          AccountId: '111111111111',
          MaxResults: 2,
        }),
      );
      expect(first.Budgets?.map(b => b.BudgetName)).toEqual([
        'budget-a',
        'budget-b',
      ]);
      const second = await budgets.send(
        new DescribeBudgetsCommand({
          AccountId: '111111111111',
          NextToken: first.NextToken,
        }),
      );
      expect(second.Budgets?.map(b => b.BudgetName)).toEqual(['budget-c']);
      expect(second.NextToken).toBeUndefined();
    } finally {
      await emulator.close();
    }
  });

  it("names a product's first artifact as asked, and shows it to its owner", async () => {
    const { emulator } = await startTestEmulator({ seed });
    const owner = new ServiceCatalogClient(clientConfig(emulator));
    const s3 = new S3Client({
      ...clientConfig(emulator),
      forcePathStyle: true,
    });
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'templates' }));
      await s3.send(
        new PutObjectCommand({
          Bucket: 'templates',
          Key: 't.yaml',
          Body: 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n',
        }),
      );
      const created = await owner.send(
        new CreateProductCommand({
          Name: 'Studio',
          Owner: 'Platform',
          ProductType: 'CLOUD_FORMATION_TEMPLATE',
          IdempotencyToken: 'studio-1',
          ProvisioningArtifactParameters: {
            Name: 'v2.1',
            Description: 'Studio in VPC-only mode',
            Info: {
              LoadTemplateFromURL:
                'https://templates.s3.us-east-1.amazonaws.com/t.yaml',
            },
          },
        }),
      );
      expect(created.ProvisioningArtifactDetail).toMatchObject({
        Name: 'v2.1',
        Description: 'Studio in VPC-only mode',
        Active: true,
      });
      const createdTime = created.ProductViewDetail?.CreatedTime;
      expect(createdTime!.getTime()).toBeGreaterThan(Date.now() - 60_000);

      const productId =
        created.ProductViewDetail!.ProductViewSummary!.ProductId!;
      const admin = await owner.send(
        new DescribeProductAsAdminCommand({ Id: productId }),
      );
      expect(admin.ProvisioningArtifactSummaries?.map(a => a.Name)).toEqual([
        'v2.1',
      ]);
      const member = new ServiceCatalogClient(
        clientConfig(emulator, MEMBER_KEY),
      );
      const foreign = await errorOf(
        member.send(new DescribeProductAsAdminCommand({ Id: productId })),
      );
      expect(foreign.name).toBe('ResourceNotFoundException');
    } finally {
      await emulator.close();
    }
  });

  it("lists a portfolio's shares, accepted once the recipient accepts", async () => {
    const { emulator } = await startTestEmulator({ seed });
    const owner = new ServiceCatalogClient(clientConfig(emulator));
    const member = new ServiceCatalogClient(clientConfig(emulator, MEMBER_KEY));
    try {
      const { PortfolioDetail } = await owner.send(
        new CreatePortfolioCommand({
          DisplayName: 'ML Platform',
          ProviderName: 'Platform',
          IdempotencyToken: 'portfolio-1',
        }),
      );
      const PortfolioId = PortfolioDetail!.Id!;
      await owner.send(
        new CreatePortfolioShareCommand({
          PortfolioId,
          AccountId: '222222222222',
        }),
      );
      const shares = () =>
        owner.send(
          new DescribePortfolioSharesCommand({ PortfolioId, Type: 'ACCOUNT' }),
        );
      expect((await shares()).PortfolioShareDetails).toEqual([
        expect.objectContaining({
          PrincipalId: '222222222222',
          Type: 'ACCOUNT',
          Accepted: false,
        }),
      ]);
      await member.send(new AcceptPortfolioShareCommand({ PortfolioId }));
      expect((await shares()).PortfolioShareDetails?.[0].Accepted).toBe(true);
      const notOwner = await errorOf(
        member.send(
          new DescribePortfolioSharesCommand({ PortfolioId, Type: 'ACCOUNT' }),
        ),
      );
      expect(notOwner.name).toBe('ResourceNotFoundException');
    } finally {
      await emulator.close();
    }
  });

  it('creates a SageMaker domain directly, pending until it is in service', async () => {
    const { emulator } = await startTestEmulator({
      seed,
      config: { asyncDelayMs: 60_000 },
    });
    const sageMaker = new SageMakerClient(clientConfig(emulator, MEMBER_KEY));
    try {
      const request = {
        DomainName: 'research',
        AuthMode: 'IAM' as const,
        DefaultUserSettings: {
          ExecutionRole: 'arn:aws:iam::222222222222:role/SageMakerExecution',
        },
        SubnetIds: ['subnet-0123456789abcdef0'],
        VpcId: 'vpc-0123456789abcdef0',
      };
      const { DomainArn } = await sageMaker.send(
        new CreateDomainCommand(request),
      );
      const DomainId = DomainArn!.split('/').pop()!;
      const pending = await sageMaker.send(
        new DescribeDomainCommand({ DomainId }),
      );
      expect(pending.Status).toBe('Pending');
      const { Domains } = await sageMaker.send(new ListDomainsCommand({}));
      expect(Domains?.map(d => d.DomainName)).toEqual(['research']);
      const twice = await errorOf(
        sageMaker.send(new CreateDomainCommand(request)),
      );
      expect(twice.name).toBe('ResourceInUse');
      emulator.state.settle(Date.now() + 60_000);
      const ready = await sageMaker.send(
        new DescribeDomainCommand({ DomainId }),
      );
      expect(ready.Status).toBe('InService');
    } finally {
      await emulator.close();
    }
  });

  it("deletes a Studio user profile asynchronously and lists a profile's tags", async () => {
    const { emulator } = await startTestEmulator({
      seed,
      config: { asyncDelayMs: 60_000 },
    });
    const sageMaker = new SageMakerClient(clientConfig(emulator, MEMBER_KEY));
    try {
      const { DomainArn } = await sageMaker.send(
        new CreateDomainCommand({
          DomainName: 'research',
          AuthMode: 'IAM',
          DefaultUserSettings: {
            ExecutionRole: 'arn:aws:iam::222222222222:role/SageMakerExecution',
          },
          SubnetIds: ['subnet-0123456789abcdef0'],
          VpcId: 'vpc-0123456789abcdef0',
        }),
      );
      const DomainId = DomainArn!.split('/').pop()!;
      const { UserProfileArn } = await sageMaker.send(
        new CreateUserProfileCommand({
          DomainId,
          UserProfileName: 'guest',
          Tags: [{ Key: 'ml-project', Value: 'research' }],
        }),
      );
      const { Tags } = await sageMaker.send(
        new ListTagsCommand({ ResourceArn: UserProfileArn }),
      );
      expect(Tags).toEqual([{ Key: 'ml-project', Value: 'research' }]);

      const profile = { DomainId, UserProfileName: 'guest' };
      await sageMaker.send(new DeleteUserProfileCommand(profile));
      const deleting = await sageMaker.send(
        new DescribeUserProfileCommand(profile),
      );
      expect(deleting.Status).toBe('Deleting');
      emulator.state.settle(Date.now() + 60_000);
      const gone = await errorOf(
        sageMaker.send(new DescribeUserProfileCommand(profile)),
      );
      expect(gone.name).toBe('ResourceNotFound');
      const again = await errorOf(
        sageMaker.send(new DeleteUserProfileCommand(profile)),
      );
      expect(again.name).toBe('ResourceNotFound');
    } finally {
      await emulator.close();
    }
  });
});
