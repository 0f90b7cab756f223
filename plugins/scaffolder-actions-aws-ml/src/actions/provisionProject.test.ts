import { createProvisionProjectAction } from './provisionProject';
import { demoNetwork, startActionsEnv } from './__testUtils__/emulator';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { testAuthority } from './__testUtils__/authority';
import { createTestActionContext } from './__testUtils__/testing';
import { layoutOf, mlops } from './__testUtils__/provisionProject';
import {
  DescribeDomainCommand,
  DescribeModelPackageGroupCommand,
} from '@aws-sdk/client-sagemaker';
import {
  CodePipelineClient,
  GetPipelineCommand,
} from '@aws-sdk/client-codepipeline';
import { ConfigReader } from '@backstage/config';
import { adminConfigFor } from '@mlgov/aws-emulator';
import { MlAwsClients } from '@mlgov/plugin-ml-environments-node';

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
    // The baseline puts require-vpc on PreProd too, which repairs the demo's
    // drift: a change to churn-prediction's accounts as well, and said so.
    expect(layout.sharedChanges).toContainEqual({
      target: 'OU Workloads/Workloads_PreProd',
      change: 'attaches SCP mlgov-require-vpc',
      alsoAppliesTo: expect.arrayContaining(['accounts of churn-prediction']),
      made: true,
    });
    expect(
      layout.sharedChanges.every(
        (c: any) => !c.alsoAppliesTo.includes('accounts of credit-risk'),
      ),
    ).toBe(true);
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
    const [devId, preprodId, prodId, automationId] = layout.accounts.map(
      (a: any) => a.accountId,
    );
    expect(org.provisioned).toEqual(
      expect.arrayContaining([
        `credit-risk-studio@${devId}`,
        `credit-risk-model-build@${devId}`,
        `credit-risk-model-registry@100000000010`,
        `credit-risk-deploy-pipeline@${automationId}`,
        `credit-risk-deployment-role@${preprodId}`,
        `credit-risk-deployment-role@${prodId}`,
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
    // Each product's current version, launched by id; outputs fed forward.
    expect(
      layout.products.map((p: any) => [p.product, p.stage, p.version]),
    ).toEqual([
      ['ml-studio-domain', 'dev', '1.0.0'],
      ['ml-model-build', 'dev', '1.0.0'],
      ['ml-model-registry', 'team-shared-services', '1.0.0'],
      ['ml-deploy-pipeline', 'automation', '1.0.0'],
      ['ml-deployment-role', 'preprod', '1.0.0'],
      ['ml-deployment-role', 'prod', '1.0.0'],
    ]);
    const outputsOf = (id: string, stage = '') =>
      layout.products.find(
        (p: any) => p.product === id && (!stage || p.stage === stage),
      ).outputs;
    const registry = outputsOf('ml-model-registry');
    expect(registry.ModelPackageGroupArn).toBe(
      'arn:aws:sagemaker:us-east-1:100000000010:model-package-group/credit-risk-models',
    );
    const pipelineRole = outputsOf('ml-deploy-pipeline').PipelineRoleArn;
    const stackOf = (accountId: string, name: string) =>
      [...env.emulator.state.provisionedProducts.values()].find(
        pp => pp.accountId === accountId && pp.name === name,
      )!;
    const launchedWith = Object.fromEntries(
      stackOf(prodId, 'credit-risk-deployment-role').parameters.map(p => [
        p.Key,
        p.Value,
      ]),
    );
    expect(launchedWith).toMatchObject({
      Stage: 'prod',
      PipelineRoleArn: pipelineRole,
      ModelArtifactBucketName: outputsOf('ml-model-build').ArtifactBucketName,
    });

    // Read back through the AWS SDK, as an administrator would.
    const admin = MlAwsClients.fromConfig(
      new ConfigReader(adminConfigFor(env.emulator.url)),
    );
    const domain = await (
      await admin.forAccount(devId)
    ).sageMaker.send(
      new DescribeDomainCommand({
        DomainId: outputsOf('ml-studio-domain').DomainId,
      }),
    );
    expect(domain).toMatchObject({
      AppNetworkAccessType: 'VpcOnly',
      KmsKeyId: outputsOf('ml-studio-domain').KmsKeyArn,
      SubnetIds: demoNetwork.subnetIds,
      VpcId: demoNetwork.vpcId,
    });
    const group = await (
      await admin.forAccount('100000000010')
    ).sageMaker.send(
      new DescribeModelPackageGroupCommand({
        ModelPackageGroupName: registry.ModelPackageGroupName,
      }),
    );
    expect(group.ModelPackageGroupArn).toBe(registry.ModelPackageGroupArn);
    // The deploy pipeline in the automation account, as GetPipeline shows
    // it to that account (the same role session the suite's clients use).
    const automation = await admin.forAccount(automationId);
    const { pipeline } = await new CodePipelineClient({
      region: 'us-east-1',
      endpoint: env.emulator.url,
      credentials: automation.sageMaker.config.credentials,
    }).send(
      new GetPipelineCommand({
        name: outputsOf('ml-deploy-pipeline').PipelineName,
      }),
    );
    const stages = pipeline!.stages!;
    expect(stages.map((st: any) => st.name)).toEqual([
      'Source',
      'DeployPreprod',
      'ApproveProd',
      'DeployProd',
    ]);
    expect(stages[2].actions![0].actionTypeId).toMatchObject({
      category: 'Approval',
      provider: 'Manual',
    });
    const tags = env.emulator.state.accounts.get(devId)!.tags;
    expect(tags).toEqual({
      'ml-project': 'credit-risk',
      'ml-pattern': 'mlops',
      'ml-stage': 'dev',
      'cost-center': 'CC-5001',
      owner: 'group:default/team-risk',
    });
  });

  it("leaves a change that reaches other teams' accounts for an administrator, for a user who may not change the organization", async () => {
    await env.emulator.close();
    env = await startActionsEnv(
      {},
      {},
      testAuthority({ organizationChange: AuthorizeResult.DENY }),
    );
    const { ctx, outputs, logger } = createTestActionContext(mlops);
    await createProvisionProjectAction(env.deps).handler(ctx);

    const layout = outputs.layout;
    // PreProd holds other projects' accounts: require-vpc is not attached.
    expect(layout.sharedChanges).toContainEqual({
      target: 'OU Workloads/Workloads_PreProd',
      change: 'attaches SCP mlgov-require-vpc',
      alsoAppliesTo: expect.arrayContaining(['accounts of churn-prediction']),
      made: false,
    });
    const org = layoutOf(env.emulator);
    expect(org.attachments['mlgov-require-vpc']).not.toContain(
      'Workloads/Workloads_PreProd',
    );
    // The project itself is provisioned: its accounts are where they belong.
    expect(org.accounts).toEqual(
      expect.arrayContaining([
        'credit-risk-preprod@Workloads/Workloads_PreProd',
      ]),
    );
    expect(
      logger.warn.mock.calls.some(([l]) =>
        /Left for an administrator: attaches SCP mlgov-require-vpc on OU Workloads\/Workloads_PreProd/.test(
          l,
        ),
      ),
    ).toBe(true);
  });

  it('provisions pattern 1: a sandbox account with its budget and its internet-only Studio', async () => {
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
    expect(
      outputs.layout.products.map((p: any) => [p.product, p.accountId]),
    ).toEqual([['ml-sandbox-studio', account.accountId]]);
    const domain = [...env.emulator.state.domains.values()].find(
      d => d.accountId === account.accountId,
    )!;
    // The sandbox's own network (mlEnvironments.network.sandbox), no VPC-only.
    expect(domain.settings).toMatchObject({ vpcId: 'vpc-05a4db0c0ffee0010' });
    expect(domain.tags).toMatchObject({ 'ml-stage': 'sandbox' });
  });

  it("provisions pattern 2: a dev account with Studio in the dev stage's network", async () => {
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
        { Key: 'ProjectName', Value: 'price-elasticity' },
        { Key: 'Pattern', Value: 'dev' },
        { Key: 'VpcId', Value: demoNetwork.vpcId },
        { Key: 'SubnetIds', Value: demoNetwork.subnetIds.join(',') },
        { Key: 'SecurityGroupIds', Value: demoNetwork.securityGroupIds[0] },
      ]),
    );
    // The new account's baseline made the launch role, and the Studio
    // stack ran as it (its LAUNCH constraint), not as the suite's role.
    const launchRole = `arn:aws:iam::${account.accountId}:role/mlgov-sc-launch`;
    expect(
      env.emulator.state.iamRoles.get(launchRole)?.assumeRolePolicyDocument,
    ).toMatchObject({
      Statement: [{ Principal: { Service: 'servicecatalog.amazonaws.com' } }],
    });
    expect(
      env.emulator.state.records.get(provisioned!.lastRecordId)?.launchRoleArn,
    ).toBe(launchRole);
  });

  it('makes a Studio profile for each member of the owner group, once, skipping names SageMaker refuses', async () => {
    const groupMembers = jest.fn(async () => ['ada', 'jane', 'bob.smith']);
    const deps = { ...env.deps, groupMembers };
    const first = createTestActionContext(mlops);
    await createProvisionProjectAction(deps).handler(first.ctx);
    expect(groupMembers).toHaveBeenCalledWith(
      'group:default/team-risk',
      expect.anything(),
    );
    const studio = first.outputs.layout.products.find(
      (p: any) => p.product === 'ml-studio-domain',
    );
    expect(studio.studioProfiles).toEqual(['ada', 'jane']);
    // The suite's record learns which profiles are its own to delete later.
    expect(
      env.authority.calls.find(c => c.method === 'complete')?.detail,
    ).toMatchObject({ studioProfiles: ['ada', 'jane'] });
    const profiles = () =>
      [...env.emulator.state.userProfiles.values()]
        .filter(p => p.domainId === studio.outputs.DomainId)
        .map(p => p.name)
        .sort();
    expect(profiles()).toEqual(['ada', 'jane']);
    // The Studio product's isolation: a person opens only the profile whose
    // studiouserid tag is their own.
    const jane = [...env.emulator.state.userProfiles.values()].find(
      p => p.domainId === studio.outputs.DomainId && p.name === 'jane',
    )!;
    expect(jane.tags).toMatchObject({
      studiouserid: 'jane',
      'ml-project': 'credit-risk',
    });
    expect(first.ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('No Studio profile for bob.smith'),
    );

    const made = env.mutatingCalls()['sagemaker:CreateUserProfile'];
    await createProvisionProjectAction(deps).handler(
      createTestActionContext(mlops).ctx,
    );
    expect(env.mutatingCalls()['sagemaker:CreateUserProfile']).toBe(made);
    expect(profiles()).toEqual(['ada', 'jane']);
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
      ).toHaveLength(6);
      expect(slow.mutatingCalls()['servicecatalog:ProvisionProduct']).toBe(6);
    } finally {
      await slow.emulator.close();
    }
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
        'Plan for credit-risk: 4 account(s), 6 OU(s), 6 SCP(s), 7 control(s), 6 product(s)',
        'Dry run: would create account credit-risk-dev (aws+credit-risk-dev@example.com) in Workloads/Workloads_Dev',
        'Dry run: would attach SCP mlgov-require-vpc to OU Workloads/Workloads_PreProd',
        'Dry run: would provision ML Studio domain as credit-risk-studio in the dev account',
        // Waits on the new accounts' ids and on the registry's output.
        'Dry run: would provision ML model registry as credit-risk-model-registry in the team-shared-services account',
        'Dry run: would provision ML deployment role as credit-risk-deployment-role in the prod account',
      ]),
    );
  });
});

describe('aws:ml:provisionProject, while IAM propagates a new role', () => {
  it("waits until the new account's access role can be assumed, then finishes", async () => {
    // Seconds, not a few hundred ms: on a busy machine the run may reach its
    // first AssumeRole later than a short delay, and would then not wait.
    const env = await startActionsEnv({
      config: { newAccountRoleDelayMs: 3_000 },
    });
    try {
      const { ctx, outputs, logged } = createTestActionContext({
        pattern: 'sandbox' as const,
        project: 'slow-role',
        owner: 'group:default/team-vision',
        costCenter: 'CC-3003',
        accountEmailTemplate: 'aws+{project}-{stage}@example.com',
        spendingLimitUsd: 300,
        alertEmail: 'team-vision@example.com',
      });
      await createProvisionProjectAction(env.deps).handler(ctx);
      const [account] = outputs.layout.accounts;
      expect(
        logged().some(line =>
          line.startsWith(
            `Waiting for the access role of account ${account.accountId}`,
          ),
        ),
      ).toBe(true);
      expect(
        env.emulator.state.budgets.get(
          `${account.accountId}/slow-role-spending-limit`,
        ),
      ).toBeDefined();
    } finally {
      await env.emulator.close();
    }
  });
});
