import { RequestContext } from './truth';
import { ScpLevel, evaluateScps } from './evaluate';

import {
  FULL_AWS_ACCESS,
  library,
  custom,
  devAccount,
} from './__testUtils__/scpLevels';

describe('evaluateScps across levels and wildcards', () => {
  it('explains a deny in plain words', () => {
    expect(
      evaluateScps(devAccount, { action: 'sagemaker:CreateEndpoint' })
        .explanation,
    ).toBe(
      'sagemaker:CreateEndpoint is denied by mlgov-require-cost-tags (DenyCreateWithoutCostCenter) on OU Workloads; also denied by mlgov-require-cost-tags on OU Workloads, mlgov-deny-sagemaker-hosting on OU Workloads/Workloads_Dev',
    );
  });

  it('denies at whichever level the Deny sits: root, OU or account', () => {
    const leave = custom('deny-leave', {
      Sid: 'NoLeaving',
      Effect: 'Deny',
      Action: 'organizations:LeaveOrganization',
      Resource: '*',
    });
    for (const index of [0, 1, 2]) {
      const chain: ScpLevel[] = ['Root', 'OU Sandbox', 'account 1'].map(
        (label, i) => ({
          label,
          policies: i === index ? [FULL_AWS_ACCESS, leave] : [FULL_AWS_ACCESS],
        }),
      );
      const result = evaluateScps(chain, {
        action: 'organizations:LeaveOrganization',
      });
      expect(result.decidedBy).toEqual({
        level: chain[index].label,
        policy: 'deny-leave',
        statement: 'NoLeaving',
      });
    }
  });

  it('needs an Allow at every level (allow-list SCPs)', () => {
    const onlySageMaker = custom('allow-sagemaker', {
      Effect: 'Allow',
      Action: ['sagemaker:*', 's3:Get*'],
      Resource: '*',
    });
    const chain: ScpLevel[] = [
      { label: 'Root', policies: [FULL_AWS_ACCESS] },
      { label: 'OU ML', policies: [onlySageMaker] },
      { label: 'account 1', policies: [FULL_AWS_ACCESS] },
    ];
    expect(
      evaluateScps(chain, { action: 'sagemaker:CreateModel' }).decision,
    ).toBe('allowed');
    expect(evaluateScps(chain, { action: 's3:GetObject' }).decision).toBe(
      'allowed',
    );
    const ec2 = evaluateScps(chain, { action: 'ec2:RunInstances' });
    expect(ec2.decision).toBe('denied');
    expect(ec2.explanation).toBe(
      'ec2:RunInstances is denied on OU ML: none of its SCPs (allow-sagemaker) allows it',
    );
  });

  it('honours NotAction in Allow and Deny statements, with wildcards', () => {
    const allButIam = custom('all-but-iam', {
      Effect: 'Allow',
      NotAction: 'iam:*',
      Resource: '*',
    });
    const denyOutsideSageMaker = custom('only-sagemaker-writes', {
      Sid: 'DenyOtherWrites',
      Effect: 'Deny',
      NotAction: ['sagemaker:*', 's3:Get*', 's3:List*'],
      Resource: '*',
    });
    const chain: ScpLevel[] = [
      { label: 'Root', policies: [allButIam] },
      { label: 'account 1', policies: [FULL_AWS_ACCESS, denyOutsideSageMaker] },
    ];
    expect(
      evaluateScps(chain, { action: 'iam:CreateUser' }).decidedBy?.policy,
    ).toBe('only-sagemaker-writes');
    expect(evaluateScps(chain, { action: 's3:ListBucket' }).decision).toBe(
      'allowed',
    );
    expect(
      evaluateScps(chain, { action: 's3:PutObject' }).decidedBy?.statement,
    ).toBe('DenyOtherWrites');
    const withoutDeny: ScpLevel[] = [{ label: 'Root', policies: [allButIam] }];
    expect(
      evaluateScps(withoutDeny, { action: 'iam:CreateRole' }).explanation,
    ).toMatch(/none of its SCPs \(all-but-iam\) allows it/);
  });

  it('matches wildcards in the middle of actions and resources', () => {
    const chain: ScpLevel[] = [
      {
        label: 'Root',
        policies: [
          FULL_AWS_ACCESS,
          custom('endpoints', {
            Effect: 'Deny',
            Action: 'sagemaker:*Endpoint*',
            Resource: 'arn:aws:sagemaker:*:*:endpoint/prod-*',
          }),
        ],
      },
    ];
    const decide = (action: string, resource: string) =>
      evaluateScps(chain, { action, resource }).decision;
    expect(
      decide(
        'sagemaker:DeleteEndpointConfig',
        'arn:aws:sagemaker:us-east-1:1:endpoint/prod-churn',
      ),
    ).toBe('denied');
    expect(
      decide(
        'sagemaker:DeleteEndpointConfig',
        'arn:aws:sagemaker:us-east-1:1:endpoint/dev-churn',
      ),
    ).toBe('allowed');
    expect(
      decide(
        'sagemaker:CreateModel',
        'arn:aws:sagemaker:us-east-1:1:endpoint/prod-churn',
      ),
    ).toBe('allowed');
  });

  it('treats missing keys as IAM does for IfExists, Bool and negated operators', () => {
    const chain: ScpLevel[] = [
      {
        label: 'Root',
        policies: [FULL_AWS_ACCESS, library('require-encryption-in-transit')],
      },
    ];
    const decide = (action: string, context: RequestContext) =>
      evaluateScps(chain, { action, context }).decision;
    expect(decide('sagemaker:CreateTrainingJob', {})).toBe('denied'); // BoolIfExists: missing → applies
    expect(
      decide('sagemaker:CreateTrainingJob', {
        'sagemaker:InterContainerTrafficEncryption': 'true',
      }),
    ).toBe('allowed');
    expect(decide('s3:GetObject', {})).toBe('allowed'); // Bool without the key does not match
    expect(decide('s3:GetObject', { 'aws:SecureTransport': false })).toBe(
      'denied',
    );
  });
});
