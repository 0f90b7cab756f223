import { ListPoliciesForTargetCommand } from '@aws-sdk/client-organizations';
import { createAttachPoliciesAction } from './attachPolicies';
import { startActionsEnv } from './__testUtils__/emulator';
import {
  createTestActionContext,
  testProvisioning,
} from './__testUtils__/testing';

describe('aws:organizations:attachPolicies', () => {
  let env: Awaited<ReturnType<typeof startActionsEnv>>;
  const ouId = (name: string) =>
    [...env.emulator.state.ous.values()].find(o => o.name === name)!.id;
  const scps = async (targetId: string) =>
    (
      await (
        await env.deps.clients.organizations()
      ).send(
        new ListPoliciesForTargetCommand({
          TargetId: targetId,
          Filter: 'SERVICE_CONTROL_POLICY',
        }),
      )
    ).Policies!.map(p => p.Name);

  beforeEach(async () => {
    env = await startActionsEnv();
  });
  afterEach(() => env.emulator.close());

  it('creates the missing policy, attaches it, and skips it on a second run', async () => {
    const action = createAttachPoliciesAction(env.deps);
    const input = {
      ouPath: 'Workloads/Workloads_PreProd',
      guardrails: ['require-vpc', 'require-encryption-in-transit'],
    };
    const first = createTestActionContext(input);
    await action.handler(first.ctx);
    // The demo seed misses require-vpc on PreProd; the other is there already,
    // and both policies hold the library's documents.
    expect(env.mutatingCalls()).toEqual({ 'organizations:AttachPolicy': 1 });
    expect(await scps(ouId('Workloads_PreProd'))).toEqual(
      expect.arrayContaining([
        'mlgov-require-vpc',
        'mlgov-require-encryption-in-transit',
      ]),
    );
    expect(Object.keys(first.outputs.policyIds)).toEqual([
      'mlgov-require-vpc',
      'mlgov-require-encryption-in-transit',
    ]);

    const before = env.mutatingCalls();
    await action.handler(createTestActionContext(input).ctx);
    expect(env.mutatingCalls()).toEqual(before);
  });

  it("brings a policy whose document differs back to the library's", async () => {
    const policy = [...env.emulator.state.policies.values()].find(
      p => p.name === 'mlgov-require-vpc',
    )!;
    policy.content = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Action: 'sagemaker:CreateModel', Resource: '*' },
      ],
    });
    const { ctx, logged } = createTestActionContext({
      ouPath: 'Workloads/Workloads_Dev',
      guardrails: ['require-vpc'],
    });
    await createAttachPoliciesAction(env.deps).handler(ctx);
    expect(env.mutatingCalls()).toEqual({ 'organizations:UpdatePolicy': 1 });
    expect(logged()).toContain(
      "Updated SCP mlgov-require-vpc to the library's current document",
    );
    expect(JSON.parse(policy.content).Statement[0].Sid).toBe('VPCDeployment');
  });

  it('keeps the carve-out of an approved exception when it restores a document', async () => {
    env.authority.exceptions.push({
      id: '00000000-0000-4000-8000-000000000001',
      project: 'churn-prediction',
      accountId: '200000000011',
      guardrailId: 'require-vpc',
      reason: 'A vendor trial outside the VPC',
      endsAt: '2027-01-15T00:00:00.000Z',
      state: 'active',
      requestedBy: 'user:default/guest',
      requestedAt: '2026-12-01T00:00:00.000Z',
    });
    const policy = [...env.emulator.state.policies.values()].find(
      p => p.name === 'mlgov-require-vpc',
    )!;
    await createAttachPoliciesAction(env.deps).handler(
      createTestActionContext({
        ouPath: 'Workloads/Workloads_Dev',
        guardrails: ['require-vpc'],
      }).ctx,
    );
    expect(env.mutatingCalls()).toEqual({ 'organizations:UpdatePolicy': 1 });
    expect(
      JSON.parse(policy.content).Statement[0].Condition.StringNotEquals,
    ).toEqual({ 'aws:PrincipalAccount': ['200000000011'] });
  });

  it('leaves a policy alone whose document AWS gives back reformatted', async () => {
    const policy = [...env.emulator.state.policies.values()].find(
      p => p.name === 'mlgov-require-vpc',
    )!;
    policy.content = JSON.stringify(JSON.parse(policy.content), null, 2);
    await createAttachPoliciesAction(env.deps).handler(
      createTestActionContext({
        ouPath: 'Workloads/Workloads_Dev',
        guardrails: ['require-vpc'],
      }).ctx,
    );
    expect(env.mutatingCalls()).toEqual({});
  });

  it('attaches a custom document to an account, stored minified', async () => {
    const action = createAttachPoliciesAction(env.deps);
    const content = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Action: 'organizations:LeaveOrganization',
            Resource: '*',
          },
        ],
      },
      null,
      2,
    );
    await action.handler(
      createTestActionContext({
        accountId: '200000000011',
        policies: [{ name: 'deny-leave', content }],
      }).ctx,
    );
    expect(await scps('200000000011')).toEqual(['FullAWSAccess', 'deny-leave']);
    const stored = [...env.emulator.state.policies.values()].find(
      p => p.name === 'deny-leave',
    );
    expect(stored?.content).toBe(JSON.stringify(JSON.parse(content)));
  });

  it('fails before any change when the quota would be exceeded', async () => {
    const tight = {
      ...env.deps,
      provisioning: testProvisioning({ guardrails: { scpQuota: 3 } }),
    };
    const action = createAttachPoliciesAction(tight);
    await expect(
      action.handler(
        createTestActionContext({
          ouPath: 'Sandbox',
          guardrails: ['require-vpc'],
        }).ctx,
      ),
    ).rejects.toThrow(
      /^OU Sandbox has 4 SCPs attached directly \(.*\); adding mlgov-require-vpc would exceed the quota of 3/,
    );
    expect(env.mutatingCalls()).toEqual({});
  });

  it.each([
    [
      { ouPath: 'Sandbox', guardrails: ['deny-everything'] },
      /Unknown guardrail SCP deny-everything; the library has deny-sagemaker-hosting, /,
    ],
    [
      { ouPath: 'Sandbox', guardrails: ['AWS-GR_S3_VERSIONING_ENABLED'] },
      /Unknown guardrail SCP AWS-GR_S3_VERSIONING_ENABLED/,
    ],
    [
      {
        ouPath: 'Sandbox',
        policies: [
          {
            name: 'typo',
            content:
              '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sagemaker:CreateEndpiont","Resource":"*"}]}',
          },
        ],
      },
      /action 'sagemaker:CreateEndpiont' does not exist in the IAM action catalog/,
    ],
    [
      {
        ouPath: 'Sandbox',
        policies: [{ name: 'broken', content: '{"Version":' }],
      },
      /SCP broken is not valid JSON/,
    ],
    [
      { ouPath: 'Workloads/Nowhere', guardrails: ['require-vpc'] },
      /OU Workloads\/Nowhere does not exist/,
    ],
    [
      { accountId: '999999999999', guardrails: ['require-vpc'] },
      /Account 999999999999 is not in the organization/,
    ],
    [
      {
        ouPath: 'Sandbox',
        accountId: '200000000011',
        guardrails: ['require-vpc'],
      },
      /exactly one of ouPath and accountId/,
    ],
  ])('refuses %j with zero mutating calls', async (input, message) => {
    const action = createAttachPoliciesAction(env.deps);
    await expect(
      action.handler(createTestActionContext(input).ctx),
    ).rejects.toThrow(message);
    expect(env.mutatingCalls()).toEqual({});
  });

  it('changes nothing in a dry run and says what it would do', async () => {
    const action = createAttachPoliciesAction(env.deps);
    const { ctx, logged } = createTestActionContext(
      { ouPath: 'Workloads/Workloads_PreProd', guardrails: ['require-vpc'] },
      { isDryRun: true },
    );
    await action.handler(ctx);
    expect(env.mutatingCalls()).toEqual({});
    expect(logged()).toContain(
      'Dry run: would attach SCP mlgov-require-vpc to OU Workloads/Workloads_PreProd',
    );
  });
});
