import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import type { RunningEmulator } from './server.ts';
import {
  clientConfig,
  errorOf,
  startTestEmulator,
} from './__testUtils__/emulator.ts';

const ADMIN = 'arn:aws:iam::111111111111:user/emulator-admin';
const PROVISIONER = 'arn:aws:iam::111111111111:role/backstage-provisioner';
const AUDITOR = 'arn:aws:iam::111111111111:role/auditor';

describe('IAM policy simulator', () => {
  let emulator: RunningEmulator;
  let iam: IAMClient;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator({
      seed: {
        accessKeys: {
          'emulator-management': 'Management',
          'dev-key': 'Dev',
        },
        accounts: [
          { name: 'Dev', email: 'dev@example.com', id: '222222222222' },
        ],
        iam: {
          principalPolicies: {
            [PROVISIONER]: [
              {
                Statement: [
                  { Effect: 'Allow', Action: 'organizations:*', Resource: '*' },
                  {
                    Effect: 'Deny',
                    Action: ['organizations:Create*'],
                    NotResource: 'arn:aws:organizations::*:ou/*',
                  },
                ],
              },
            ],
            [AUDITOR]: [
              {
                Statement: {
                  Effect: 'Allow',
                  NotAction: 'iam:*',
                  Resource: '*',
                },
              },
            ],
          },
        },
      },
    }));
    iam = new IAMClient(clientConfig(emulator));
  });

  afterEach(() => emulator.close());

  const simulate = (
    PolicySourceArn: string,
    ActionNames: string[],
    ResourceArns?: string[],
  ) =>
    iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn,
        ActionNames,
        ResourceArns,
      }),
    );

  it("decides each action from the principal's policies: explicit deny, allow, implicit deny", async () => {
    const { EvaluationResults, IsTruncated } = await simulate(PROVISIONER, [
      'organizations:CreateAccount',
      'organizations:MoveAccount',
      'controltower:EnableControl',
    ]);
    expect(IsTruncated).toBe(false);
    expect(
      EvaluationResults?.map(r => [r.EvalActionName, r.EvalDecision]),
    ).toEqual([
      ['organizations:CreateAccount', 'explicitDeny'],
      ['organizations:MoveAccount', 'allowed'],
      ['controltower:EnableControl', 'implicitDeny'],
    ]);
  });

  it('matches resources, NotResource and NotAction as IAM does', async () => {
    const ou = 'arn:aws:organizations::111111111111:ou/o-1/ou-ab12-cd34ef56';
    const onOu = await simulate(
      PROVISIONER,
      ['organizations:CreateOrganizationalUnit'],
      [ou, '*'],
    );
    expect(onOu.EvaluationResults?.map(r => r.EvalDecision)).toEqual([
      'allowed',
      'explicitDeny',
    ]);
    const auditor = await simulate(AUDITOR, [
      'iam:CreateRole',
      'ORGANIZATIONS:ListAccounts',
    ]);
    expect(auditor.EvaluationResults?.map(r => r.EvalDecision)).toEqual([
      'implicitDeny',
      'allowed',
    ]);
  });

  it('allows everything to principals without seeded policies, and knows which principals exist', async () => {
    const admin = await simulate(ADMIN, ['controltower:EnableBaseline']);
    expect(admin.EvaluationResults?.[0].EvalDecision).toBe('allowed');
    const accessRole = await simulate(
      'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
      ['budgets:ViewBudget'],
    );
    expect(accessRole.EvaluationResults?.[0].EvalDecision).toBe('allowed');
    expect(
      (
        await errorOf(
          simulate('arn:aws:iam::111111111111:role/nobody', ['s3:GetObject']),
        )
      ).name,
    ).toBe('NoSuchEntityException');
    expect(
      (
        await errorOf(
          simulate('arn:aws:sts::111111111111:assumed-role/x/y', [
            's3:GetObject',
          ]),
        )
      ).name,
    ).toBe('InvalidInputException');
  });

  it('refuses a request outside the model, and a caller not allowed to simulate', async () => {
    const empty = await errorOf(simulate(ADMIN, []));
    expect(empty.name).toBe('ValidationError');
    expect(empty.message).toContain('ActionNames');
    const tooShort = await errorOf(simulate('arn:aws', ['s3:GetObject']));
    expect(tooShort.name).toBe('ValidationError');

    emulator.state.principalPolicies.set(ADMIN, [
      {
        Statement: {
          Effect: 'Allow',
          Action: 'organizations:*',
          Resource: '*',
        },
      },
    ]);
    const denied = await errorOf(simulate(PROVISIONER, ['s3:GetObject']));
    expect(denied.name).toBe('AccessDenied');
  });

  it('pages long answers with MaxItems and Marker', async () => {
    const actions = Array.from(
      { length: 5 },
      (_, i) => `organizations:List${i}`,
    );
    const first = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: ADMIN,
        ActionNames: actions,
        MaxItems: 3,
      }),
    );
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: ADMIN,
        ActionNames: actions,
        MaxItems: 3,
        Marker: first.Marker,
      }),
    );
    expect(second.IsTruncated).toBe(false);
    expect(
      [...first.EvaluationResults!, ...second.EvaluationResults!].map(
        r => r.EvalActionName,
      ),
    ).toEqual(actions);
  });

  it('refuses seeded policies with conditions on keys it does not give', async () => {
    await expect(
      startTestEmulator({
        seed: {
          iam: {
            principalPolicies: {
              [AUDITOR]: [
                {
                  Statement: {
                    Effect: 'Allow',
                    Action: '*',
                    Resource: '*',
                    Condition: { Bool: { 'aws:SecureTransport': 'true' } },
                  },
                },
              ],
            },
          },
        } as any,
      }),
    ).rejects.toThrow(
      /evaluates conditions only on aws:PrincipalAccount, aws:PrincipalArn and s3:ResourceAccount/,
    );
  });
});
