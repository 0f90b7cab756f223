import type { IdentityStatement } from '@mlgov/aws-emulator';
import {
  createProvisionProjectAction,
  requestFromInput,
} from './provisionProject';
import {
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import {
  EnableAWSOrganizationsAccessCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import { startActionsEnv } from './__testUtils__/emulator';
import { testAuthority } from './__testUtils__/authority';
import {
  createTestActionContext,
  testProvisioning,
} from './__testUtils__/testing';
import {
  demoSeed,
  demoSeedWithoutSharing,
  demoServiceCatalog,
} from './__testUtils__/emulator';
import {
  managementActionsFor,
  planProject,
  validateProjectSlug,
} from '@mlgov/plugin-ml-environments-common';
import { productManifest, productPlanProblems } from './productLaunch';
import { inputsFor, mlops } from './__testUtils__/provisionProject';

describe('aws:ml:provisionProject checks AWS before any change', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  it('refuses, before any change, a portfolio without the products the plan needs', async () => {
    await env.emulator.close();
    const seed = demoSeed();
    const [portfolio] = seed.serviceCatalog!;
    portfolio.products = portfolio.products.filter(
      p => p.name !== 'ML deploy pipeline',
    );
    seed.provisionedProducts = seed.provisionedProducts!.filter(
      p => p.product !== 'ML deploy pipeline',
    );
    env = await startActionsEnv({ seed });
    await expect(
      createProvisionProjectAction(env.deps).handler(
        createTestActionContext(mlops).ctx,
      ),
    ).rejects.toThrow(
      "Portfolio 'ML Platform' in 100000000010 has no product 'ML deploy pipeline'; publish the products with the template ml-platform-publish-products",
    );
    expect(env.mutatingCalls()).toEqual({});
  });

  it('refuses, before any change, products without a launch constraint', async () => {
    await env.emulator.close();
    const seed = demoSeed();
    delete seed.serviceCatalog![0].launchRoleName;
    env = await startActionsEnv({ seed });
    const run = () =>
      createProvisionProjectAction(env.deps).handler(
        createTestActionContext(mlops).ctx,
      );
    await expect(run()).rejects.toThrow(
      /Product 'ML deploy pipeline' in portfolio 'ML Platform' has no launch constraint, so it has no launch path for the suite's role: publish the products again with the template ml-platform-publish-products, which makes each launch as the role mlgov-sc-launch/,
    );
    expect(env.mutatingCalls()).toEqual({});
  });

  it("refuses, before any change, a pattern whose stage's network is not configured", async () => {
    const noNetwork = {
      ...env.deps,
      provisioning: testProvisioning({
        serviceCatalog: demoServiceCatalog,
        network: {},
      }),
    };
    await expect(
      createProvisionProjectAction(noNetwork).handler(
        createTestActionContext(mlops).ctx,
      ),
    ).rejects.toThrow(
      /mlEnvironments\.network\.dev is not configured: ml-studio-domain launches in the dev account's VPC/,
    );
    expect(env.mutatingCalls()).toEqual({});
  });

  it('refuses, before any change, a project name longer than the products take', async () => {
    // 31 characters: the suite's rule stops at 30, as the products' ProjectName does.
    const long = { ...mlops, project: 'credit-risk-scoring-for-retail-1' };
    await expect(
      createProvisionProjectAction(env.deps).handler(
        createTestActionContext(long).ctx,
      ),
    ).rejects.toThrow(
      /'credit-risk-scoring-for-retail-1' is not a valid ML project name: use 3 to 30 lowercase letters.*at most 30 characters/,
    );
    expect(env.mutatingCalls()).toEqual({});
  });

  it("names a value a product's template does not allow", () => {
    // A template narrower than the suite's rules: still refused before a launch.
    const manifest = productManifest().map(entry => ({
      ...entry,
      parameters: entry.parameters.map(p =>
        p.name === 'ProjectName'
          ? { ...p, allowedPattern: '^[a-z][a-z0-9-]{2,9}$' }
          : p,
      ),
    }));
    const plan = planProject(requestFromInput(mlops, env.deps.provisioning));
    expect(
      productPlanProblems(plan, env.deps.provisioning.network, manifest),
    ).toContain(
      "ml-studio-domain's ProjectName is 'credit-risk', which does not match ^[a-z][a-z0-9-]{2,9}$",
    );
  });

  it("takes every name the suite's rule takes in every product's ProjectName", () => {
    const longest = `a${'b'.repeat(28)}c`;
    expect(validateProjectSlug(longest)).toBeUndefined();
    expect(validateProjectSlug(`${longest}d`)).toMatch(/at most 30/);
    for (const entry of productManifest()) {
      const parameter = entry.parameters.find(p => p.name === 'ProjectName');
      if (!parameter?.allowedPattern) continue;
      expect([
        entry.id,
        new RegExp(parameter.allowedPattern).test(longest),
      ]).toEqual([entry.id, true]);
    }
  });

  it("never reuses or retags an account another owner's tags or the record give to someone else", async () => {
    const org = await env.deps.clients.organizations();
    // Someone made the planned dev account's email, tagged as credit-risk's
    // dev account but owned by another group.
    const { CreateAccountStatus } = await org.send(
      new CreateAccountCommand({
        AccountName: 'credit-risk-dev',
        Email: 'aws+credit-risk-dev@example.com',
        Tags: [
          { Key: 'ml-project', Value: 'credit-risk' },
          { Key: 'ml-stage', Value: 'dev' },
          { Key: 'owner', Value: 'group:default/team-fraud' },
        ],
      }),
    );
    for (;;) {
      const { CreateAccountStatus: status } = await org.send(
        new DescribeCreateAccountStatusCommand({
          CreateAccountRequestId: CreateAccountStatus!.Id,
        }),
      );
      if (status?.State !== 'IN_PROGRESS') break;
      await new Promise(r => setTimeout(r, 50));
    }
    const before = env.mutatingCalls();
    await expect(
      createProvisionProjectAction(env.deps).handler(
        createTestActionContext(mlops).ctx,
      ),
    ).rejects.toThrow(
      /tagged as credit-risk's dev account but owned by group:default\/team-fraud, not group:default\/team-risk; it is not reused or retagged/,
    );
    expect(env.mutatingCalls()).toEqual(before);

    // With the record holding another dev account, that one is refused too.
    const recorded = {
      ...env.deps,
      projects: testAuthority({
        records: [
          {
            project: 'credit-risk',
            pattern: 'mlops',
            owner: 'group:default/team-risk',
            accounts: [{ stage: 'dev', accountId: '999999999999' }],
            origin: 'provisioned',
            createdBy: 'user:default/guest',
            createdAt: new Date(0).toISOString(),
            updatedAt: new Date(0).toISOString(),
          },
        ],
      }).authority,
    };
    await expect(
      createProvisionProjectAction(recorded).handler(
        createTestActionContext(mlops).ctx,
      ),
    ).rejects.toThrow(
      /but the suite's record holds 999999999999 as credit-risk's dev account/,
    );
    expect(env.mutatingCalls()).toEqual(before);
  });

  it('refuses, before any change, a plan that would exceed the SCP quota', async () => {
    const tight = {
      ...env.deps,
      provisioning: testProvisioning({
        guardrails: { scpQuota: 2 },
        serviceCatalog: demoServiceCatalog,
      }),
    };
    await expect(
      createProvisionProjectAction(tight).handler(
        createTestActionContext(mlops).ctx,
      ),
    ).rejects.toThrow(
      /Nothing was changed, because:\n- OU Workloads\/Workloads_PreProd has 2 SCPs attached directly \(FullAWSAccess, mlgov-require-encryption-in-transit\); adding mlgov-require-vpc would exceed the quota of 2/,
    );
    expect(env.mutatingCalls()).toEqual({});
  });

  describe("checks the management account's permissions first", () => {
    // The suite's own principal, its generated policy replaced by the test's.
    const ADMIN = 'arn:aws:iam::111111111111:role/backstage-ml-environments';
    const withPolicy = async (statements: IdentityStatement[]) => {
      const seed = demoSeed();
      seed.iam = {
        ...seed.iam,
        principalPolicies: { [ADMIN]: [{ Statement: statements }] },
      };
      return startActionsEnv({ seed });
    };

    it('refuses, with zero mutating calls, a plan that needs an action IAM denies', async () => {
      const denied = await withPolicy([
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'controltower:EnableControl', Resource: '*' },
      ]);
      try {
        await expect(
          createProvisionProjectAction(denied.deps).handler(
            createTestActionContext(mlops).ctx,
          ),
        ).rejects.toThrow(
          `Nothing was changed, because:\n- ${ADMIN} may not call controltower:EnableControl, which this plan needs (IAM policy simulation)`,
        );
        expect(denied.mutatingCalls()).toEqual({});
      } finally {
        await denied.emulator.close();
      }
    });

    it('goes on with a warning when IAM may not be asked', async () => {
      const unasked = await withPolicy([
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:Simulate*', Resource: '*' },
      ]);
      try {
        const { ctx, logger } = createTestActionContext(inputsFor('sandbox'));
        await createProvisionProjectAction(unasked.deps).handler(ctx);
        expect(String(logger.warn.mock.calls[0]?.[0])).toContain(
          "The management account's permissions could not be checked before the first change (IAM SimulatePrincipalPolicy:",
        );
        expect(unasked.mutatingCalls()['organizations:CreateAccount']).toBe(1);
      } finally {
        await unasked.emulator.close();
      }
    });

    it.each(['sandbox', 'dev', 'mlops'] as const)(
      'checks every management action a %s run calls',
      async pattern => {
        const fresh = await startActionsEnv();
        try {
          const request = inputsFor(pattern);
          await createProvisionProjectAction(fresh.deps).handler(
            createTestActionContext(request).ctx,
          );
          const called = Object.keys(fresh.emulator.callCounts()).filter(key =>
            /^(organizations|controltower):|^sts:AssumeRole$/.test(key),
          );
          const { provisioning } = fresh.deps;
          const plan = planProject(requestFromInput(request, provisioning), {
            baseline: provisioning.baseline,
            parameters: provisioning.guardrailParameters,
          });
          expect(called.length).toBeGreaterThan(5);
          expect(
            called.filter(key => !managementActionsFor(plan).includes(key)),
          ).toEqual([]);
        } finally {
          await fresh.emulator.close();
        }
      },
    );
  });

  describe('checks that the portfolio may be shared with OUs (issue 41)', () => {
    const SHARING_PROBLEM =
      "Portfolio 'ML Platform' cannot be shared with OUs from 100000000010 (mlEnvironments.serviceCatalog.sharedServicesAccountId): Service Catalog's access to AWS Organizations is not enabled and account 100000000010 is not a delegated administrator for Service Catalog. AWS lets only the management account or a Service Catalog delegated administrator share with OUs. Once, with the management account's credentials, run `aws servicecatalog enable-aws-organizations-access`, then `aws organizations register-delegated-administrator --account-id 100000000010 --service-principal servicecatalog.amazonaws.com`";

    it('refuses, with zero mutating calls, products from a shared services account that may not share, and provisions once the commands it names are run', async () => {
      const company = await startActionsEnv({ seed: demoSeedWithoutSharing() });
      try {
        await expect(
          createProvisionProjectAction(company.deps).handler(
            createTestActionContext(inputsFor('dev')).ctx,
          ),
        ).rejects.toThrow(
          `Nothing was changed, because:\n- ${SHARING_PROBLEM}`,
        );
        expect(company.mutatingCalls()).toEqual({});

        // The organization's administrator runs the two commands.
        await new ServiceCatalogClient({
          endpoint: company.emulator.url,
          region: 'us-east-1',
          credentials: {
            accessKeyId: 'emulator-management',
            secretAccessKey: 'x',
          },
        }).send(new EnableAWSOrganizationsAccessCommand({}));
        await new OrganizationsClient({
          endpoint: company.emulator.url,
          region: 'us-east-1',
          credentials: {
            accessKeyId: 'emulator-management',
            secretAccessKey: 'x',
          },
        }).send(
          new RegisterDelegatedAdministratorCommand({
            AccountId: '100000000010',
            ServicePrincipal: 'servicecatalog.amazonaws.com',
          }),
        );
        const { ctx, outputs } = createTestActionContext(inputsFor('dev'));
        await createProvisionProjectAction(company.deps).handler(ctx);
        expect(outputs.layout.products).toHaveLength(1);
        expect(company.mutatingCalls()).toEqual(
          expect.objectContaining({ 'servicecatalog:CreatePortfolioShare': 1 }),
        );
      } finally {
        await company.emulator.close();
      }
    });

    it('asks for the sharing a sandbox needs too, now that it launches its Studio', async () => {
      const company = await startActionsEnv({ seed: demoSeedWithoutSharing() });
      try {
        const { ctx } = createTestActionContext(inputsFor('sandbox'));
        await expect(
          createProvisionProjectAction(company.deps).handler(ctx),
        ).rejects.toThrow(/Service Catalog/);
        expect(company.mutatingCalls()).toEqual({});
      } finally {
        await company.emulator.close();
      }
    });
  });

  it('refuses, with zero mutating calls, a sandbox when AWS Budgets cannot be reached', async () => {
    const noBudgets = await startActionsEnv({
      config: {
        faults: {
          rate: 1,
          operations: ['budgets:DescribeBudgets'],
          errors: ['AccessDeniedException'],
        },
      },
    } as any);
    try {
      await expect(
        createProvisionProjectAction(noBudgets.deps).handler(
          createTestActionContext(inputsFor('sandbox')).ctx,
        ),
      ).rejects.toThrow(
        /AWS Budgets, which sets the sandbox's spending limit, cannot be used: .*budgets:ViewBudget/,
      );
      expect(noBudgets.mutatingCalls()).toEqual({});
    } finally {
      await noBudgets.emulator.close();
    }
  });
});
