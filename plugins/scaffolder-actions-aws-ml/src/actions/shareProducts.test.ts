import { SUITE_MEMBER_ROLE } from '@mlgov/aws-emulator';
import { createShareProductsAction } from './shareProducts';
import {
  demoSeedWithoutSharing,
  startActionsEnv,
} from './__testUtils__/emulator';
import {
  createTestActionContext,
  testProvisioning,
} from './__testUtils__/testing';

describe('aws:servicecatalog:shareProducts', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  it('shares with an account, accepts it there and associates the principals, once', async () => {
    const action = createShareProductsAction(env.deps);
    const input = { accountId: '240000000001', acceptIn: ['240000000001'] };
    const first = createTestActionContext(input);
    await action.handler(first.ctx);
    const portfolio = [...env.emulator.state.portfolios.values()][0];
    expect(first.outputs.portfolioId).toBe(portfolio.id);
    expect(
      env.emulator.state.acceptedShares.get(`240000000001/${portfolio.id}`),
    ).toBe('IMPORTED');
    expect(
      env.emulator.state.portfolioPrincipals.get(
        `240000000001/${portfolio.id}`,
      ),
    ).toEqual([
      // The suite's own role, by its full ARN: its launch path there.
      {
        PrincipalARN: `arn:aws:iam::240000000001:role/${SUITE_MEMBER_ROLE}`,
        PrincipalType: 'IAM',
      },
    ]);
    const after = env.mutatingCalls();
    expect(after).toEqual({
      'servicecatalog:CreatePortfolioShare': 1,
      'servicecatalog:AcceptPortfolioShare': 1,
      'servicecatalog:AssociatePrincipalWithPortfolio': 1,
    });

    await action.handler(createTestActionContext(input).ctx);
    // Sharing again is a no-op in Service Catalog; nothing else is repeated.
    expect(env.mutatingCalls()).toEqual({
      ...after,
      'servicecatalog:CreatePortfolioShare': 2,
    });
  });

  it('shares with an OU through an organization share and waits for it', async () => {
    // Long enough that the first look finds the share still running, even
    // on a busy machine (at 50 ms it was sometimes already done).
    const slow = await startActionsEnv({ config: { asyncDelayMs: 1500 } });
    try {
      const { ctx, logged } = createTestActionContext({
        ouPath: 'Deployments/Deployments_PreProd',
        acceptIn: [],
      });
      await createShareProductsAction(slow.deps).handler(ctx);
      expect(logged()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^Waiting for the share of portfolio port-.* IN_PROGRESS$/,
          ),
          expect.stringMatching(
            /^Portfolio port-.* is shared with OU Deployments\/Deployments_PreProd$/,
          ),
        ]),
      );
    } finally {
      await slow.emulator.close();
    }
  });

  it('refuses an OU share the shared services account may not make, saying what to run, and still shares with an account', async () => {
    const company = await startActionsEnv({ seed: demoSeedWithoutSharing() });
    try {
      await expect(
        createShareProductsAction(company.deps).handler(
          createTestActionContext({
            ouPath: 'Deployments/Deployments_PreProd',
            acceptIn: [],
          }).ctx,
        ),
      ).rejects.toThrow(
        /^Portfolio 'ML Platform' cannot be shared with OUs from 100000000010 .*`aws servicecatalog enable-aws-organizations-access`, then `aws organizations register-delegated-administrator --account-id 100000000010 --service-principal servicecatalog.amazonaws.com`/,
      );
      expect(company.mutatingCalls()).toEqual({});
      await createShareProductsAction(company.deps).handler(
        createTestActionContext({ accountId: '240000000001', acceptIn: [] })
          .ctx,
      );
      expect(company.mutatingCalls()).toEqual({
        'servicecatalog:CreatePortfolioShare': 1,
      });
    } finally {
      await company.emulator.close();
    }
  });

  it('explains a missing configuration and a wrong portfolio name', async () => {
    const unconfigured = { ...env.deps, provisioning: testProvisioning() };
    await expect(
      createShareProductsAction(unconfigured).handler(
        createTestActionContext({ accountId: '240000000001', acceptIn: [] })
          .ctx,
      ),
    ).rejects.toThrow('mlEnvironments.serviceCatalog is not configured');
    await expect(
      createShareProductsAction(env.deps).handler(
        createTestActionContext({
          accountId: '240000000001',
          acceptIn: [],
          portfolio: 'Nope',
        }).ctx,
      ),
    ).rejects.toThrow(
      "No portfolio named 'Nope' in the shared services account",
    );
    expect(env.mutatingCalls()).toEqual({});
  });
});
