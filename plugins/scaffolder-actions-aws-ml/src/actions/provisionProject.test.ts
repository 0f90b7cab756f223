import type { IdentityStatement, RunningEmulator } from '@mlgov/aws-emulator';
import {
  createProvisionProjectAction,
  requestFromInput,
} from './provisionProject';
import { startActionsEnv } from './__testUtils__/emulator';
import {
  createTestActionContext,
  testProvisioning,
} from './__testUtils__/testing';
import { demoSeed, demoServiceCatalog } from './__testUtils__/emulator';
import { testAuthority } from './__testUtils__/authority';
import { NotAllowedError } from '@backstage/errors';
import {
  managementActionsFor,
  planProject,
} from '@mlgov/plugin-ml-environments-common';
import {
  ensureAccountsEnrolled,
  reportAccountPlacement,
} from '@mlgov/plugin-ml-environments-node';
import { stepOf } from './step';

const mlops = {
  pattern: 'mlops' as const,
  project: 'credit-risk',
  owner: 'group:default/team-risk',
  costCenter: 'CC-5001',
  accountEmailTemplate: 'aws+{project}-{stage}@example.com',
  prodApprovalRequired: true,
};

/** The credit-risk project in each pattern, with that pattern's inputs. */
function inputsFor(pattern: 'sandbox' | 'dev' | 'mlops') {
  return {
    sandbox: {
      ...mlops,
      pattern,
      spendingLimitUsd: 100,
      alertEmail: 'risk@example.com',
    },
    dev: { ...mlops, pattern, datasets: ['sales'] },
    mlops,
  }[pattern];
}

/** The organization as names: where each account sits, what each target carries. */
function layoutOf(emulator: RunningEmulator) {
  const { state } = emulator;
  const pathOf = (id: string): string =>
    id === state.rootId
      ? 'Root'
      : [...state.pathTo(id)]
          .slice(1)
          .map(p => state.ous.get(p)?.name ?? state.accounts.get(p)?.name)
          .join('/');
  const attachments = Object.fromEntries(
    [...state.attachments.entries()].map(([policyId, targets]) => [
      state.policies.get(policyId)!.name,
      [...targets].map(pathOf).sort(),
    ]),
  );
  return {
    accounts: [...state.accounts.values()]
      .map(a => `${a.name}@${pathOf(a.parentId)}`)
      .sort(),
    attachments,
    controls: [...state.enabledControls.values()]
      .map(
        c =>
          `${c.controlIdentifier.split('/').pop()}@${pathOf(
            c.targetIdentifier.split('/').pop()!,
          )}`,
      )
      .sort(),
    provisioned: [...state.provisionedProducts.values()]
      .map(p => `${p.name}@${p.accountId}`)
      .sort(),
    budgets: [...state.budgets.keys()].sort(),
    // What a duplicated call would leave twice.
    counts: {
      ous: state.ous.size,
      policies: state.policies.size,
      portfolioShares: state.portfolioShares.length,
      principals: [...state.portfolioPrincipals.values()].flat().length,
      provisionedProducts: state.provisionedProducts.size,
    },
  };
}

// Whole projects against the emulator, some under injected faults.

describe('aws:ml:provisionProject', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  it('provisions pattern 3 end to end: accounts in their OUs, guardrails, controls, Studio and pipeline', async () => {
    const { ctx, outputs } = createTestActionContext(mlops);
    await createProvisionProjectAction(env.deps).handler(ctx);

    const layout = outputs.layout;
    expect(layout.accounts.map((a: any) => [a.stage, a.ouPath])).toEqual([
      ['dev', 'Workloads/Workloads_Dev'],
      ['preprod', 'Workloads/Workloads_PreProd'],
      ['prod', 'Workloads/Workloads_Prod'],
      ['automation', 'Deployments/Deployments_Prod'],
    ]);
    const org = layoutOf(env.emulator);
    expect(org.accounts).toEqual(
      expect.arrayContaining([
        'credit-risk-dev@Workloads/Workloads_Dev',
        'credit-risk-preprod@Workloads/Workloads_PreProd',
        'credit-risk-prod@Workloads/Workloads_Prod',
        'credit-risk-automation@Deployments/Deployments_Prod',
      ]),
    );
    // The baseline puts require-vpc on PreProd too, which repairs the demo's drift.
    expect(org.attachments['mlgov-require-vpc']).toEqual([
      'Workloads/Workloads_Dev',
      'Workloads/Workloads_PreProd',
      'Workloads/Workloads_Prod',
    ]);
    expect(org.controls).toEqual(
      expect.arrayContaining([
        'AWS-GR_S3_VERSIONING_ENABLED@Workloads/Workloads_PreProd',
      ]),
    );
    const devId = layout.accounts[0].accountId;
    const automationId = layout.accounts[3].accountId;
    expect(org.provisioned).toEqual(
      expect.arrayContaining([
        `credit-risk-studio@${devId}`,
        `credit-risk-pipeline@${automationId}`,
      ]),
    );
    // Generated docs say what each account is for and why each guardrail applies.
    expect(layout.accounts[0].purpose).toMatch(/Pipelines/);
    expect(
      layout.policies.find((p: any) => p.name === 'mlgov-require-vpc'),
    ).toMatchObject({
      guardrailId: 'require-vpc',
      title: expect.stringMatching(/VPC/),
      rationale: expect.stringMatching(/\w{10}/),
    });
    expect(layout.controls.every((c: any) => c.title && c.rationale)).toBe(
      true,
    );
    expect(layout.products.map((p: any) => Object.keys(p.outputs))).toEqual([
      ['DomainId', 'DomainArn', 'DomainUrl'],
      ['PipelineName', 'PipelineArn', 'ModelPackageGroupName'],
    ]);
    const tags = env.emulator.state.accounts.get(devId)!.tags;
    expect(tags).toEqual({
      'ml-project': 'credit-risk',
      'ml-pattern': 'mlops',
      'ml-stage': 'dev',
      'cost-center': 'CC-5001',
      owner: 'group:default/team-risk',
    });
  });

  it('provisions pattern 1: a sandbox account with its budget and no products', async () => {
    const { ctx, outputs } = createTestActionContext({
      pattern: 'sandbox' as const,
      project: 'image-tagging',
      owner: 'group:default/team-vision',
      costCenter: 'CC-3003',
      accountEmailTemplate: 'aws+{project}-{stage}@example.com',
      spendingLimitUsd: 300,
      alertEmail: 'team-vision@example.com',
    });
    await createProvisionProjectAction(env.deps).handler(ctx);
    const [account] = outputs.layout.accounts;
    expect(layoutOf(env.emulator).accounts).toContain(
      'image-tagging-sandbox@Sandbox',
    );
    expect(
      env.emulator.state.budgets.get(
        `${account.accountId}/image-tagging-spending-limit`,
      ),
    ).toBeDefined();
    expect(outputs.layout.products).toEqual([]);
    expect(
      env.mutatingCalls()['servicecatalog:ProvisionProduct'],
    ).toBeUndefined();
  });

  it('provisions pattern 2: a dev account with Studio reading the requested datasets', async () => {
    const { ctx, outputs } = createTestActionContext({
      pattern: 'dev' as const,
      project: 'price-elasticity',
      owner: 'group:default/team-pricing',
      costCenter: 'CC-4001',
      accountEmailTemplate: 'aws+{project}-{stage}@example.com',
      datasets: ['sales', 'prices'],
    });
    await createProvisionProjectAction(env.deps).handler(ctx);
    const [account] = outputs.layout.accounts;
    const provisioned = [
      ...env.emulator.state.provisionedProducts.values(),
    ].find(p => p.accountId === account.accountId);
    expect(provisioned?.parameters).toEqual(
      expect.arrayContaining([
        { Key: 'DataLakeReadOnlyDatabases', Value: 'sales,prices' },
      ]),
    );
  });

  it('changes nothing when run a second time with the same inputs', async () => {
    const action = createProvisionProjectAction(env.deps);
    await action.handler(createTestActionContext(mlops).ctx);
    const organization = layoutOf(env.emulator);
    const calls = env.mutatingCalls();

    const again = createTestActionContext(mlops);
    await action.handler(again.ctx);
    expect(layoutOf(env.emulator)).toEqual(organization);
    expect(env.mutatingCalls()).toEqual(calls);
  });

  it('finishes a task stopped half-way without duplicates', async () => {
    // AWS takes its time; the task is stopped once the accounts are asked for.
    const slow = await startActionsEnv({ config: { asyncDelayMs: 600_000 } });
    try {
      const action = createProvisionProjectAction(slow.deps);
      const checkpoints = new Map();
      const abort = new AbortController();
      const stopped = createTestActionContext(mlops, {
        checkpoints,
        signal: abort.signal,
      });
      const run = action.handler(stopped.ctx);
      while ((slow.mutatingCalls()['organizations:CreateAccount'] ?? 0) < 4) {
        await new Promise(resolve => setTimeout(resolve, 5));
      }
      abort.abort();
      await expect(run).rejects.toThrow(/^The task was cancelled while/);
      // From here on AWS answers at once, and finishes what it had started.
      slow.emulator.config.asyncDelayMs = 0;
      slow.emulator.state.settle(Number.MAX_SAFE_INTEGER);

      await action.handler(createTestActionContext(mlops, { checkpoints }).ctx);
      const org = layoutOf(slow.emulator);
      expect(
        org.accounts.filter(a => a.startsWith('credit-risk-')),
      ).toHaveLength(4);
      expect(slow.mutatingCalls()['organizations:CreateAccount']).toBe(4);
      expect(
        org.provisioned.filter(p => p.startsWith('credit-risk-')),
      ).toHaveLength(2);
    } finally {
      await slow.emulator.close();
    }
  });

  describe('under faults', () => {
    let expected: ReturnType<typeof layoutOf>;
    let calmCalls: number;
    const totalCalls = (emulator: RunningEmulator) =>
      Object.values(emulator.callCounts()).reduce((a, b) => a + b, 0);

    beforeAll(async () => {
      const clean = await startActionsEnv();
      await createProvisionProjectAction(clean.deps).handler(
        createTestActionContext(mlops).ctx,
      );
      expected = layoutOf(clean.emulator);
      calmCalls = totalCalls(clean.emulator);
      await clean.emulator.close();
    });

    /** Account ids differ between runs, so layouts are compared by names and places. */
    const sameLayout = (emulator: RunningEmulator) => {
      const got = layoutOf(emulator);
      expect(got.accounts).toEqual(expected.accounts);
      expect(got.attachments).toEqual(expected.attachments);
      expect(got.controls).toEqual(expected.controls);
      expect(got.provisioned.length).toBe(expected.provisioned.length);
    };

    it('completes in one run when AWS answers conflicts, retried by the SDK strategy', async () => {
      const faulty = await startActionsEnv(
        {
          config: {
            faults: {
              rate: 0.3,
              errors: ['ConcurrentModificationException'],
              operations: [],
              seed: 7,
            },
          },
        },
        { maxAttempts: 10 },
      );
      try {
        const { ctx } = createTestActionContext(mlops);
        const warn = jest.spyOn(ctx.logger, 'warn');
        await createProvisionProjectAction(faulty.deps).handler(ctx);
        sameLayout(faulty.emulator);
        // Each retry is in the task's log, with AWS's reason.
        expect(warn).toHaveBeenCalledWith(
          expect.stringMatching(
            /^AWS call retried \(attempt \d+\): ConcurrentModificationException: /,
          ),
        );
        // The faults were there: a quarter more calls than a calm run makes.
        expect(totalCalls(faulty.emulator)).toBeGreaterThan(calmCalls * 1.25);
      } finally {
        await faulty.emulator.close();
      }
    });

    it.each(['sandbox', 'dev', 'mlops'] as const)(
      'adopts what a lost answer made instead of duplicating it (%s pattern)',
      async pattern => {
        const inputs = inputsFor(pattern);
        const calm = await startActionsEnv();
        await createProvisionProjectAction(calm.deps).handler(
          createTestActionContext(inputs).ctx,
        );
        const clean = layoutOf(calm.emulator);
        await calm.emulator.close();

        const lossy = await startActionsEnv(
          { config: { faults: { lostAnswerRate: 0.5, seed: 3 } } },
          { maxAttempts: 10 },
        );
        try {
          await createProvisionProjectAction(lossy.deps).handler(
            createTestActionContext(inputs).ctx,
          );
          const got = layoutOf(lossy.emulator);
          expect(got.accounts).toEqual(clean.accounts);
          expect(got.attachments).toEqual(clean.attachments);
          expect(got.controls).toEqual(clean.controls);
          expect(got.budgets).toEqual(
            clean.budgets.map(b => expect.stringMatching(b.split('/')[1])),
          );
          expect(got.counts).toEqual(clean.counts);
        } finally {
          await lossy.emulator.close();
        }
      },
    );

    it('reports where each account is when a run stops part-way, moving the ones left in the Root', async () => {
      // AWS keeps refusing MoveAccount: the accounts are made, then stay in the Root.
      const stuck = await startActionsEnv(
        {
          config: {
            faults: {
              rate: 1,
              errors: ['TooManyRequestsException'],
              operations: ['organizations:MoveAccount'],
            },
          },
        },
        { maxAttempts: 2 },
      );
      try {
        const action = createProvisionProjectAction(stuck.deps);
        const first = createTestActionContext(mlops);
        const warn = jest.spyOn(first.ctx.logger, 'warn');
        await expect(action.handler(first.ctx)).rejects.toThrow(/MoveAccount/);
        const report = warn.mock.calls
          .map(([message]) => String(message))
          .find(message => message.startsWith('The run stopped part-way'));
        expect(report).toMatch(
          /- credit-risk-dev \(aws\+credit-risk-dev@example.com\): \d{12}, in the Root; moving it into Workloads\/Workloads_Dev failed \(/,
        );
        expect(report).toMatch(
          /- credit-risk-prod \(aws\+credit-risk-prod@example.com\): \d{12}, in the Root; moving it into Workloads\/Workloads_Prod failed \(/,
        );

        // Once AWS moves accounts again, a stopped run's report moves them.
        stuck.emulator.config.faults.rate = 0;
        const dev = [...stuck.emulator.state.accounts.values()].find(
          a => a.name === 'credit-risk-dev',
        )!;
        const lines = await reportAccountPlacement(
          await stuck.deps.clients.organizations(),
          [
            {
              name: 'credit-risk-dev',
              email: dev.email,
              ouPath: 'Workloads/Workloads_Dev',
            },
          ],
        );
        expect(lines).toEqual([
          `credit-risk-dev (${dev.email}): ${dev.id}, moved from the Root into Workloads/Workloads_Dev`,
        ]);
        expect(stuck.emulator.state.ous.get(dev.parentId)?.name).toBe(
          'Workloads_Dev',
        );
      } finally {
        await stuck.emulator.close();
      }
    });

    it('stops at a failed CreateAccount with its reason, and completes once the cause is gone', async () => {
      const failing = await startActionsEnv({
        config: {
          faults: {
            createAccountFailures: [
              {
                emailPattern: 'credit-risk-preprod',
                reason: 'INTERNAL_FAILURE',
              },
            ],
          },
        },
      });
      try {
        const action = createProvisionProjectAction(failing.deps);
        await expect(
          action.handler(createTestActionContext(mlops).ctx),
        ).rejects.toThrow(
          'Creating account credit-risk-preprod (aws+credit-risk-preprod@example.com) failed with INTERNAL_FAILURE: AWS failed internally; run the template again later',
        );
        failing.emulator.config.faults.createAccountFailures = [];
        await action.handler(createTestActionContext(mlops).ctx);
        sameLayout(failing.emulator);
        // dev once, preprod twice (the failed try and the retry), prod and automation once.
        expect(failing.mutatingCalls()['organizations:CreateAccount']).toBe(5);
      } finally {
        await failing.emulator.close();
      }
    });

    it('stays within AWS-like throttling through the SDK’s adaptive retry', async () => {
      // As many attempts as a production setting would allow, for the SDK to slow down.
      const throttled = await startActionsEnv(
        {
          config: {
            throttling: {
              enabled: true,
              rules: {
                'organizations:List*': { ratePerSecond: 200, burst: 10 },
              },
            },
          },
        },
        { maxAttempts: 10 },
      );
      try {
        const { ctx, outputs } = createTestActionContext(mlops);
        await createProvisionProjectAction(throttled.deps).handler(ctx);
        expect(outputs.layout.accounts).toHaveLength(4);
        sameLayout(throttled.emulator);
      } finally {
        await throttled.emulator.close();
      }
    });
  });

  it.each<[string, object, RegExp]>([
    [
      'a bad project name',
      { project: 'Credit Risk' },
      /project: 'Credit Risk' is not a valid ML project name/,
    ],
    [
      'a sandbox without its limit',
      { pattern: 'sandbox' },
      /sandbox\.spendingLimitUsd must be a number/,
    ],
    [
      'an email template without {stage}',
      { accountEmailTemplate: 'ml@example.com' },
      /must contain \{stage\}/,
    ],
    [
      "an email of another project's account",
      { accountEmailTemplate: 'aws+churn-prediction-{stage}@example.com' },
      /Email aws\+churn-prediction-dev@example.com already belongs to account 200000000011 \(churn-prediction-dev\), which is not the dev account of credit-risk/,
    ],
  ])('refuses %s with zero mutating calls', async (_, change, message) => {
    const action = createProvisionProjectAction(env.deps);
    await expect(
      action.handler(createTestActionContext({ ...mlops, ...change }).ctx),
    ).rejects.toThrow(message);
    expect(env.mutatingCalls()).toEqual({});
  });

  describe("asks the suite's record who may act", () => {
    it('claims the project before any AWS call and records its accounts at the end', async () => {
      const { ctx, outputs } = createTestActionContext(mlops, {
        taskId: 'task-42',
      });
      await createProvisionProjectAction(env.deps).handler(ctx);
      const { calls, records } = env.authority;
      expect(calls.map(c => c.method)).toEqual(['claim', 'complete']);
      expect(calls[0].detail).toEqual({
        pattern: 'mlops',
        owner: 'group:default/team-risk',
        taskId: 'task-42',
        dryRun: false,
      });
      expect(records.get('credit-risk')?.accounts).toEqual(
        outputs.layout.accounts.map((a: any) => ({
          stage: a.stage,
          accountId: a.accountId,
        })),
      );
    });

    it("refuses another team's project with zero AWS calls", async () => {
      const refusing = await startActionsEnv(
        {},
        {},
        testAuthority({
          refuse: new Map([
            [
              'fraud-detection',
              new NotAllowedError(
                'user:default/guest may not provision ML project fraud-detection: it is owned by group:default/team-fraud',
              ),
            ],
          ]),
        }),
      );
      try {
        await expect(
          createProvisionProjectAction(refusing.deps).handler(
            createTestActionContext({ ...mlops, project: 'fraud-detection' })
              .ctx,
          ),
        ).rejects.toThrow(/owned by group:default\/team-fraud/);
        expect(refusing.mutatingCalls()).toEqual({});
        expect(refusing.emulator.callCounts()).toEqual({});
      } finally {
        await refusing.emulator.close();
      }
    });

    it("refuses a pattern other than the project's with zero mutating calls", async () => {
      const { ctx } = createTestActionContext(mlops);
      await createProvisionProjectAction(env.deps).handler(ctx);
      const before = env.mutatingCalls();
      await expect(
        createProvisionProjectAction(env.deps).handler(
          createTestActionContext({
            ...mlops,
            pattern: 'sandbox' as const,
            spendingLimitUsd: 100,
            alertEmail: 'risk@example.com',
          }).ctx,
        ),
      ).rejects.toThrow(/follows the mlops pattern, not sandbox/);
      expect(env.mutatingCalls()).toEqual(before);
    });

    it('lets go of the project when it fails, so a re-run can start', async () => {
      const { ctx } = createTestActionContext({
        ...mlops,
        accountEmailTemplate: 'aws+churn-prediction-{stage}@example.com',
      });
      await expect(
        createProvisionProjectAction(env.deps).handler(ctx),
      ).rejects.toThrow(/already belongs to account/);
      expect(env.authority.calls.map(c => c.method)).toEqual([
        'claim',
        'release',
      ]);
    });

    it('checks without holding in a dry run', async () => {
      const { ctx } = createTestActionContext(mlops, { isDryRun: true });
      await createProvisionProjectAction(env.deps).handler(ctx);
      expect(env.authority.calls).toEqual([
        expect.objectContaining({
          method: 'claim',
          detail: expect.objectContaining({ dryRun: true }),
        }),
      ]);
      expect(env.authority.records.has('credit-risk')).toBe(false);
    });
  });

  describe('with Control Tower as it really is', () => {
    const registrationOf = (emulator: RunningEmulator, path: string) => {
      const ou = [...emulator.state.ous.values()].find(
        o => o.name === path.split('/').pop(),
      )!;
      return [...emulator.state.enabledBaselines.values()].find(
        b =>
          b.targetIdentifier === ou.arn &&
          b.baselineIdentifier.endsWith('/17BSJV3IGJ2QSGA2'),
      );
    };

    it('registers an OU it finds unregistered before enabling its controls, and enrols the accounts it moves in', async () => {
      const seed = demoSeed();
      seed.controlTower = { unregistered: ['Workloads/Workloads_PreProd'] };
      const ct = await startActionsEnv({ seed });
      try {
        await createProvisionProjectAction(ct.deps).handler(
          createTestActionContext(mlops).ctx,
        );
        const preprod = registrationOf(
          ct.emulator,
          'Workloads/Workloads_PreProd',
        );
        expect(preprod).toMatchObject({
          status: 'SUCCEEDED',
          parameters: [
            {
              key: 'IdentityCenterEnabledBaselineArn',
              value: expect.stringContaining(':enabledbaseline/'),
            },
          ],
        });
        const creditRiskPreprod = [...ct.emulator.state.accounts.values()].find(
          a => a.name === 'credit-risk-preprod',
        )!;
        expect(preprod!.enrolledAccountIds.has(creditRiskPreprod.id)).toBe(
          true,
        );
        // Enrolled in the OUs that were registered already, too.
        const dev = registrationOf(ct.emulator, 'Workloads/Workloads_Dev');
        const creditRiskDev = [...ct.emulator.state.accounts.values()].find(
          a => a.name === 'credit-risk-dev',
        )!;
        expect(dev!.enrolledAccountIds.has(creditRiskDev.id)).toBe(true);
        expect(layoutOf(ct.emulator).controls).toContain(
          'AWS-GR_S3_VERSIONING_ENABLED@Workloads/Workloads_PreProd',
        );
      } finally {
        await ct.emulator.close();
      }
    });

    it("follows an enrolment already running on the OU's baseline (a reset whose answer was lost) instead of failing", async () => {
      const ct = await startActionsEnv(
        { config: { asyncDelayMs: 1500 } },
        { maxAttempts: 1 },
      );
      try {
        const devOu = [...ct.emulator.state.ous.values()].find(
          o => o.name === 'Workloads_Dev',
        )!;
        // An account moved in waits to be enrolled, and a reset is running.
        ct.emulator.state.accounts.get('210000000013')!.parentId = devOu.id;
        const controlTower = await ct.deps.clients.controlTower();
        await controlTower.resetEnabledBaseline(
          registrationOf(ct.emulator, 'Workloads/Workloads_Dev')!.arn,
        );
        const { ctx } = createTestActionContext({});
        await ensureAccountsEnrolled(
          controlTower,
          { arn: devOu.arn, path: 'Workloads/Workloads_Dev' },
          stepOf(ctx, { pollIntervalMs: 100, timeoutMs: 60_000 }),
        );
        const registration = registrationOf(
          ct.emulator,
          'Workloads/Workloads_Dev',
        )!;
        expect(registration.status).toBe('SUCCEEDED');
        expect(registration.enrolledAccountIds.has('210000000013')).toBe(true);
        expect(ct.mutatingCalls()['controltower:ResetEnabledBaseline']).toBe(2);
      } finally {
        await ct.emulator.close();
      }
    });

    it('creates and registers the OUs of an organization that has none yet', async () => {
      const empty = await startActionsEnv({ seed: {} });
      try {
        await createProvisionProjectAction(empty.deps).handler(
          createTestActionContext({
            ...mlops,
            pattern: 'sandbox' as const,
            spendingLimitUsd: 100,
            alertEmail: 'risk@example.com',
          }).ctx,
        );
        expect(layoutOf(empty.emulator).accounts).toContain(
          'credit-risk-sandbox@Sandbox',
        );
        expect(registrationOf(empty.emulator, 'Sandbox')?.status).toBe(
          'SUCCEEDED',
        );
      } finally {
        await empty.emulator.close();
      }
    });

    it.each(['sandbox', 'dev', 'mlops'] as const)(
      "provisions the %s pattern on an organization where the guide's OUs do not exist yet",
      async pattern => {
        // Only the management account, and the team shared services account
        // with its portfolio, at the root: no Workloads, Deployments or Sandbox.
        const demo = demoSeed();
        const shared = demo
          .organizationalUnits!.find(o => o.name === 'Workloads')!
          .accounts!.find(a => a.name === 'Team Shared Services')!;
        const seed = {
          organization: demo.organization,
          accounts: [shared],
          serviceCatalog: demo.serviceCatalog!.map(p => ({
            ...p,
            shareWith: [],
          })),
        };
        const fresh = await startActionsEnv({ seed });
        try {
          const inputs = inputsFor(pattern);
          const { ctx, outputs } = createTestActionContext(inputs);
          await createProvisionProjectAction(fresh.deps).handler(ctx);
          for (const account of outputs.layout.accounts) {
            expect(layoutOf(fresh.emulator).accounts).toContain(
              `${account.name}@${account.ouPath}`,
            );
            // Every OU on the way is registered before its controls.
            const names = account.ouPath.split('/');
            for (let depth = 1; depth <= names.length; depth++) {
              expect(
                registrationOf(fresh.emulator, names.slice(0, depth).join('/'))
                  ?.status,
              ).toBe('SUCCEEDED');
            }
          }
          expect(outputs.layout.products).toHaveLength(
            { sandbox: 0, dev: 1, mlops: 2 }[pattern],
          );
        } finally {
          await fresh.emulator.close();
        }
      },
    );

    it('refuses, with zero mutating calls, an organization without a landing zone', async () => {
      const seed = demoSeed();
      seed.controlTower = { landingZone: false };
      const bare = await startActionsEnv({ seed });
      try {
        await expect(
          createProvisionProjectAction(bare.deps).handler(
            createTestActionContext(mlops).ctx,
          ),
        ).rejects.toThrow(
          /Nothing was changed, because:\n- AWS Control Tower has no landing zone in this Region/,
        );
        expect(bare.mutatingCalls()).toEqual({});
      } finally {
        await bare.emulator.close();
      }
    });
  });

  it('refuses, before any change, a portfolio without the products the plan needs', async () => {
    const missing = {
      ...env.deps,
      provisioning: testProvisioning({
        serviceCatalog: {
          ...demoServiceCatalog,
          products: { ...demoServiceCatalog.products, mlopsPipeline: 'Nope' },
        },
      }),
    };
    await expect(
      createProvisionProjectAction(missing).handler(
        createTestActionContext(mlops).ctx,
      ),
    ).rejects.toThrow(
      "Portfolio 'ML Platform' in 100000000010 has no product 'Nope'; add it, or fix mlEnvironments.serviceCatalog.products",
    );
    expect(env.mutatingCalls()).toEqual({});
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
    const ADMIN = 'arn:aws:iam::111111111111:user/emulator-admin';
    const withPolicy = async (statements: IdentityStatement[]) => {
      const seed = demoSeed();
      seed.iam = {
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

  it('announces the provisioned project to the status backend', async () => {
    const publish = jest.fn();
    const { ctx, outputs } = createTestActionContext(mlops);
    await createProvisionProjectAction({
      ...env.deps,
      events: { publish },
    }).handler(ctx);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith({
      topic: 'ml-environments.project-provisioned',
      eventPayload: {
        project: 'credit-risk',
        accountIds: outputs.layout.accounts.map((a: any) => a.accountId),
      },
    });
  });

  it('reports the whole plan in a dry run and changes nothing', async () => {
    const publish = jest.fn();
    const { ctx, logged } = createTestActionContext(mlops, { isDryRun: true });
    await createProvisionProjectAction({
      ...env.deps,
      events: { publish },
    }).handler(ctx);
    expect(env.mutatingCalls()).toEqual({});
    expect(publish).not.toHaveBeenCalled();
    expect(logged()).toEqual(
      expect.arrayContaining([
        'Plan for credit-risk: 4 account(s), 6 OU(s), 6 SCP(s), 7 control(s), 2 product(s)',
        'Dry run: would create account credit-risk-dev (aws+credit-risk-dev@example.com) in Workloads/Workloads_Dev',
        'Dry run: would attach SCP mlgov-require-vpc to OU Workloads/Workloads_PreProd',
        'Dry run: would provision credit-risk-studio in the new dev account',
      ]),
    );
  });
});
