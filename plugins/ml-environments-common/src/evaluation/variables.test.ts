import { conditionHolds, resourceHolds } from './conditions';
import { ScpLevel, evaluateScps } from './evaluate';
import { PolicyDocument } from '../guardrails/types';

const level = (label: string, ...Statement: PolicyDocument['Statement']) => ({
  label,
  policies: [
    {
      name: 'FullAWSAccess',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      } as PolicyDocument,
    },
    {
      name: `${label}-policy`,
      document: { Version: '2012-10-17', Statement } as PolicyDocument,
    },
  ],
});

describe('policy variables', () => {
  const context = {
    'aws:PrincipalAccount': '111111111111',
    'aws:ResourceAccount': '111111111111',
    'aws:username': 'ana',
  };

  it.each([
    // Examples after the IAM User Guide's "policy variables" page.
    [
      { StringNotEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
      context,
      false,
    ],
    [
      { StringNotEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
      { ...context, 'aws:ResourceAccount': '222222222222' },
      true,
    ],
    [
      {
        ArnLike: {
          'aws:PrincipalArn':
            'arn:aws:iam::${aws:PrincipalAccount}:role/Admin*',
        },
      },
      {
        ...context,
        'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/AdminTeam',
      },
      true,
    ],
    // ${*}, ${?} and ${$} stand for the literal characters.
    [
      { StringLike: { 's3:prefix': 'home/${*}' } },
      { 's3:prefix': 'home/*' },
      true,
    ],
    [
      { StringLike: { 's3:prefix': 'home/${*}' } },
      { 's3:prefix': 'home/ana' },
      false,
    ],
    [
      { StringEquals: { 'custom:k': 'a${?}b${$}' } },
      { 'custom:k': 'a?b$' },
      true,
    ],
    // A default value stands in for an absent key.
    [
      { StringEquals: { 'custom:k': "${aws:PrincipalTag/team, 'none'}" } },
      { 'custom:k': 'none' },
      true,
    ],
    // An absent key without a default matches nothing.
    [
      { StringEquals: { 'custom:k': '${aws:PrincipalTag/team}' } },
      { 'custom:k': '' },
      false,
    ],
  ])('%j with %j holds: %s', (condition, request, expected) => {
    expect(conditionHolds(condition as any, { context: request as any })).toBe(
      expected,
    );
  });

  it('fills variables into Resource patterns', () => {
    expect(
      resourceHolds(
        'arn:aws:s3:::home/${aws:username}/*',
        'arn:aws:s3:::home/ana/notes',
        { context },
      ),
    ).toBe(true);
    expect(
      resourceHolds(
        'arn:aws:s3:::home/${aws:username}/*',
        'arn:aws:s3:::home/bob/notes',
        { context },
      ),
    ).toBe(false);
  });

  it('leaves a variable whose key the question leaves open unknown, with the reason', () => {
    const answer = conditionHolds(
      {
        StringEquals: { 'aws:ResourceTag/owner': '${aws:PrincipalTag/owner}' },
      },
      {
        context: { 'aws:ResourceTag/owner': 'ana' },
        openKeys: ['aws:PrincipalTag/*'],
      },
    );
    expect(answer).toEqual({
      unknown:
        'the policy variable ${aws:PrincipalTag/owner} depends on the request',
    });
  });
});

describe('answers that cannot be known', () => {
  it('are unknown, with the reason, for an operator AWS does not document', () => {
    expect(
      conditionHolds(
        { StringFuzzy: { 'aws:RequestedRegion': 'eu-*' } } as any,
        {
          context: { 'aws:RequestedRegion': 'eu-west-1' },
        },
      ),
    ).toEqual({
      unknown: 'the condition operator StringFuzzy is not one AWS documents',
    });
  });

  it.each([
    [
      { DateLessThan: { 'aws:CurrentTime': 'soon' } },
      "'soon' in the policy is not a date",
    ],
    [
      { NumericLessThan: { 's3:max-keys': 'ten' } },
      "'ten' in the policy is not a number",
    ],
    [
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/40' } },
      "'10.0.0.0/40' in the policy is not an IP address or CIDR block",
    ],
  ])(
    'are unknown for a value that is not what its operator compares: %j',
    (condition, reason) => {
      expect(
        conditionHolds(condition, {
          context: {
            'aws:CurrentTime': '2026-12-02T00:00:00Z',
            's3:max-keys': '5',
            'aws:SourceIp': '10.1.1.1',
          },
        }),
      ).toEqual({ unknown: reason });
    },
  );

  it('turn a deny of the corporate-network SCP into "unknown, because …" when the caller\'s IP is open', () => {
    const chain: ScpLevel[] = [
      level('Root', {
        Sid: 'DenyOutsideCorporateNetwork',
        Effect: 'Deny',
        NotAction: ['iam:*', 'sts:*'],
        Resource: '*',
        Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] } },
      }),
    ];
    const open = evaluateScps(chain, {
      action: 'sagemaker:CreateTrainingJob',
      openKeys: ['aws:SourceIp'],
    });
    expect(open.decision).toBe('unknown');
    expect(open.explanation).toBe(
      "sagemaker:CreateTrainingJob is unknown: Root-policy (DenyOutsideCorporateNetwork) on Root denies it when it applies, and whether it does is open, because NotIpAddress on aws:SourceIp depends on the request's aws:SourceIp",
    );
    const inside = evaluateScps(chain, {
      action: 'sagemaker:CreateTrainingJob',
      context: { 'aws:SourceIp': '192.0.2.10' },
      openKeys: ['aws:SourceIp'],
    });
    expect(inside.decision).toBe('allowed');
    // A definite deny elsewhere still decides.
    const denied = evaluateScps(
      [
        ...chain,
        level('OU Dev', {
          Effect: 'Deny',
          Action: 'sagemaker:CreateTrainingJob',
          Resource: '*',
        }),
      ],
      { action: 'sagemaker:CreateTrainingJob', openKeys: ['aws:SourceIp'] },
    );
    expect(denied.decision).toBe('denied');
  });
});

describe('resource-scoped answers', () => {
  const endpointDeny: ScpLevel[] = [
    level('OU Dev', {
      Sid: 'DenyEndpoints',
      Effect: 'Deny',
      Action: 'sagemaker:*',
      Resource: 'arn:aws:sagemaker:*:*:endpoint/*',
    }),
  ];
  const endpoint = 'arn:aws:sagemaker:us-east-1:111111111111:endpoint/churn';
  const job = 'arn:aws:sagemaker:us-east-1:111111111111:training-job/churn';

  it('denies a Deny scoped to endpoints for an endpoint, and not for a training job', () => {
    expect(
      evaluateScps(endpointDeny, {
        action: 'sagemaker:CreateEndpoint',
        resource: endpoint,
      }).decision,
    ).toBe('denied');
    expect(
      evaluateScps(endpointDeny, {
        action: 'sagemaker:CreateTrainingJob',
        resource: job,
      }).decision,
    ).toBe('allowed');
  });

  it('applies a NotResource deny only outside its resources', () => {
    const chain = [
      level('Root', {
        Effect: 'Deny',
        Action: 's3:*',
        NotResource: ['arn:aws:s3:::corp-data', 'arn:aws:s3:::corp-data/*'],
      }),
    ];
    expect(
      evaluateScps(chain, {
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::corp-data/x',
      }).decision,
    ).toBe('allowed');
    expect(
      evaluateScps(chain, {
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::other/x',
      }).decision,
    ).toBe('denied');
  });

  it('lets an Allow scoped to ARNs allow those resources only', () => {
    const allowList: ScpLevel[] = [
      {
        label: 'OU Restricted',
        policies: [
          {
            name: 'allow-own-buckets',
            document: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 's3:*',
                  Resource: 'arn:aws:s3:::team-*',
                },
              ],
            } as PolicyDocument,
          },
        ],
      },
    ];
    expect(
      evaluateScps(allowList, {
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::team-a/k',
      }).decision,
    ).toBe('allowed');
    expect(
      evaluateScps(allowList, {
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::other/k',
      }).decision,
    ).toBe('denied');
  });
});
