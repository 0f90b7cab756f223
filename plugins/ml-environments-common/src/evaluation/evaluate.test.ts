import {
  DEFAULT_GUARDRAIL_PARAMETERS,
  findGuardrail,
} from '../guardrails/library';
import { PolicyDocument } from '../guardrails/types';
import { RequestContext } from './truth';
import { ScpLevel, evaluateScps } from './evaluate';

const FULL_AWS_ACCESS = {
  name: 'FullAWSAccess',
  document: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  } as PolicyDocument,
};

const library = (id: string) => {
  const guardrail = findGuardrail(id);
  if (guardrail?.kind !== 'scp') throw new Error(id);
  return {
    name: `mlgov-${id}`,
    document: guardrail.document(DEFAULT_GUARDRAIL_PARAMETERS),
  };
};

const custom = (name: string, ...Statement: PolicyDocument['Statement']) => ({
  name,
  document: { Version: '2012-10-17', Statement } as PolicyDocument,
});

/** A dev account as the default baseline builds it. */
const devAccount: ScpLevel[] = [
  { label: 'Root', policies: [FULL_AWS_ACCESS, library('deny-public-s3')] },
  {
    label: 'OU Workloads',
    policies: [
      FULL_AWS_ACCESS,
      library('require-kms'),
      library('require-cost-tags'),
    ],
  },
  {
    label: 'OU Workloads/Workloads_Dev',
    policies: [
      FULL_AWS_ACCESS,
      library('deny-sagemaker-hosting'),
      library('require-vpc'),
    ],
  },
  { label: 'account 200000000011', policies: [FULL_AWS_ACCESS] },
];

const sandboxAccount: ScpLevel[] = [
  { label: 'Root', policies: [FULL_AWS_ACCESS] },
  {
    label: 'OU Sandbox',
    policies: [FULL_AWS_ACCESS, library('allowed-instance-types')],
  },
  { label: 'account 230000000001', policies: [FULL_AWS_ACCESS] },
];

const tagged: RequestContext = {
  'aws:RequestTag/CostCenter': 'CC-1',
  'aws:RequestTag/Project': 'churn',
};
const kms: RequestContext = {
  'sagemaker:VolumeKmsKeyArn': 'arn:aws:kms:us-east-1:200000000011:key/k',
  'sagemaker:OutputKmsKeyArn': 'arn:aws:kms:us-east-1:200000000011:key/k',
};
const vpc: RequestContext = {
  'sagemaker:VpcSubnets': ['subnet-1'],
  'sagemaker:VpcSecurityGroupIds': ['sg-1'],
};

describe('evaluateScps', () => {
  it.each<
    [string, ScpLevel[], string, RequestContext, string, string | undefined]
  >([
    [
      'real-time endpoints in dev',
      devAccount,
      'sagemaker:CreateEndpoint',
      tagged,
      'denied',
      'mlgov-deny-sagemaker-hosting@OU Workloads/Workloads_Dev',
    ],
    [
      'invoking endpoints in dev (lowercase action)',
      devAccount,
      'sagemaker:invokeendpoint',
      {},
      'denied',
      'mlgov-deny-sagemaker-hosting@OU Workloads/Workloads_Dev',
    ],
    [
      'a training job with no settings: the first deny from the top decides',
      devAccount,
      'sagemaker:CreateTrainingJob',
      {},
      'denied',
      'mlgov-require-kms@OU Workloads',
    ],
    [
      'a training job with keys and tags but no VPC',
      devAccount,
      'sagemaker:CreateTrainingJob',
      { ...kms, ...tagged },
      'denied',
      'mlgov-require-vpc@OU Workloads/Workloads_Dev',
    ],
    [
      'a training job with keys, tags and VPC',
      devAccount,
      'sagemaker:CreateTrainingJob',
      { ...kms, ...tagged, ...vpc },
      'allowed',
      undefined,
    ],
    [
      'a training job with subnets only: the Null block needs both keys absent',
      devAccount,
      'sagemaker:CreateTrainingJob',
      { ...kms, ...tagged, 'sagemaker:VpcSubnets': ['subnet-1'] },
      'allowed',
      undefined,
    ],
    [
      's3:PutBucketPolicy, which no SCP restricts',
      devAccount,
      's3:PutBucketPolicy',
      {},
      'allowed',
      undefined,
    ],
    [
      'a public-read ACL anywhere',
      devAccount,
      's3:PutBucketAcl',
      { 's3:x-amz-acl': 'public-read' },
      'denied',
      'mlgov-deny-public-s3@Root',
    ],
    [
      'a private ACL',
      devAccount,
      's3:PutBucketAcl',
      { 's3:x-amz-acl': 'private' },
      'allowed',
      undefined,
    ],
    [
      'the platform role creating an endpoint, without cost tags',
      devAccount,
      'sagemaker:CreateEndpoint',
      { 'aws:PrincipalARN': 'arn:aws:iam::200000000011:role/PlatformAdmin' },
      'denied',
      'mlgov-require-cost-tags@OU Workloads',
    ],
    [
      'the platform role creating a tagged endpoint',
      devAccount,
      'sagemaker:CreateEndpoint',
      {
        'aws:PrincipalARN': 'arn:aws:iam::200000000011:role/PlatformAdmin',
        ...tagged,
      },
      'allowed',
      undefined,
    ],
    [
      'an unapproved instance type in the sandbox',
      sandboxAccount,
      'sagemaker:CreateTrainingJob',
      { 'sagemaker:InstanceTypes': ['ml.p4d.24xlarge'] },
      'denied',
      'mlgov-allowed-instance-types@OU Sandbox',
    ],
    [
      'one unapproved type among approved ones',
      sandboxAccount,
      'sagemaker:CreateTrainingJob',
      { 'sagemaker:InstanceTypes': ['ml.t3.medium', 'ml.p3.2xlarge'] },
      'denied',
      'mlgov-allowed-instance-types@OU Sandbox',
    ],
    [
      'approved instance types',
      sandboxAccount,
      'sagemaker:CreateTrainingJob',
      { 'sagemaker:InstanceTypes': ['ml.t3.medium', 'ml.m5.large'] },
      'allowed',
      undefined,
    ],
    [
      'no instance type at all (ForAnyValue over nothing)',
      sandboxAccount,
      'sagemaker:CreateTrainingJob',
      {},
      'allowed',
      undefined,
    ],
  ])('%s', (_, chain, action, context, decision, decidedBy) => {
    const result = evaluateScps(chain, { action, context });
    expect(result.decision).toBe(decision);
    const decider =
      result.decidedBy &&
      `${result.decidedBy.policy}@${result.decidedBy.level}`;
    expect(decider).toBe(decidedBy);
  });

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
