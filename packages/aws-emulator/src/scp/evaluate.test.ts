import {
  type RequestValues,
  type ScpStatement,
  judgeScps,
} from './evaluate.ts';

const allowAll: ScpStatement = { Effect: 'Allow', Action: '*', Resource: '*' };
const levels = (...deny: ScpStatement[]) => [
  {
    target: 'r-root',
    policies: [{ arn: 'full', name: 'F', statements: [allowAll] }],
  },
  {
    target: 'ou-dev',
    policies: [
      { arn: 'full', name: 'F', statements: [allowAll] },
      { arn: 'guard', name: 'G', statements: deny },
    ],
  },
];
const request = (entries: Record<string, string[]>): RequestValues =>
  new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
const deny = (Condition: ScpStatement['Condition']): ScpStatement => ({
  Sid: 'Guard',
  Effect: 'Deny',
  Action: 'sagemaker:Create*',
  Resource: '*',
  Condition,
});
const judge = (statement: ScpStatement, values: Record<string, string[]>) =>
  judgeScps(
    levels(statement),
    'sagemaker:CreateTrainingJob',
    undefined,
    request(values),
  ).allowed;

describe('judgeScps', () => {
  it('denies on Null when the key is absent, not when present', () => {
    const s = deny({ Null: { 'sagemaker:VpcSubnets': 'true' } });
    expect(judge(s, {})).toBe(false);
    expect(judge(s, { 'sagemaker:VpcSubnets': ['subnet-1'] })).toBe(true);
  });

  it('holds a negated operator on an absent key, as AWS does', () => {
    const s = deny({
      StringNotEquals: { 'sagemaker:AppNetworkAccessType': 'VpcOnly' },
    });
    expect(judge(s, {})).toBe(false);
    expect(judge(s, { 'sagemaker:AppNetworkAccessType': ['VpcOnly'] })).toBe(
      true,
    );
  });

  it('reads ForAnyValue:StringNotLike and …IfExists', () => {
    const types = deny({
      'ForAnyValue:StringNotLike': { 'sagemaker:InstanceTypes': ['ml.t3.*'] },
    });
    expect(judge(types, { 'sagemaker:InstanceTypes': ['ml.t3.medium'] })).toBe(
      true,
    );
    expect(
      judge(types, {
        'sagemaker:InstanceTypes': ['ml.t3.medium', 'ml.p4d.24xlarge'],
      }),
    ).toBe(false);
    expect(judge(types, {})).toBe(true);
    const tls = deny({
      BoolIfExists: { 'sagemaker:InterContainerTrafficEncryption': 'false' },
    });
    expect(judge(tls, {})).toBe(false);
    expect(
      judge(tls, { 'sagemaker:InterContainerTrafficEncryption': ['true'] }),
    ).toBe(true);
  });

  it('lets an exempt role through ArnNotLike', () => {
    const s = deny({
      ArnNotLike: { 'aws:PrincipalARN': ['arn:aws:iam::*:role/PlatformAdmin'] },
    });
    expect(
      judge(s, { 'aws:PrincipalArn': ['arn:aws:iam::1:role/PlatformAdmin'] }),
    ).toBe(true);
    expect(
      judge(s, { 'aws:PrincipalArn': ['arn:aws:iam::1:role/Scientist'] }),
    ).toBe(false);
  });

  it('names the deciding policy and statement, or the level without an Allow', () => {
    const verdict = judgeScps(
      levels(deny({})),
      'sagemaker:CreateModel',
      undefined,
      request({}),
    );
    expect(verdict).toEqual({
      allowed: false,
      explicitDeny: { policyArn: 'guard', statement: 'Guard' },
    });
    const noAllow = judgeScps(
      [
        {
          target: 'ou-x',
          policies: [
            {
              arn: 's3',
              name: 'S3',
              statements: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
            },
          ],
        },
      ],
      'sagemaker:CreateModel',
      undefined,
      request({}),
    );
    expect(noAllow).toEqual({ allowed: false, noAllowAt: 'ou-x' });
  });

  it('refuses an operator it cannot read instead of allowing', () => {
    expect(() =>
      judge(deny({ BinaryEquals: { 'aws:CurrentTime': 'AA==' } }), {
        'aws:CurrentTime': ['2026'],
      }),
    ).toThrow(/does not evaluate the condition operator BinaryEquals/);
  });
});

describe('judgeScps, addresses and dates', () => {
  it('reads NotIpAddress over IPv4 and IPv6 ranges, and DateLessThan', () => {
    const network = deny({
      NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32'] },
    });
    expect(judge(network, { 'aws:SourceIp': ['192.0.2.7'] })).toBe(true);
    expect(judge(network, { 'aws:SourceIp': ['2001:db8:0:1::5'] })).toBe(true);
    expect(judge(network, { 'aws:SourceIp': ['127.0.0.1'] })).toBe(false);
    const freeze = deny({
      DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' },
    });
    expect(judge(freeze, { 'aws:CurrentTime': ['2026-12-07T06:00:00Z'] })).toBe(
      false,
    );
    expect(judge(freeze, { 'aws:CurrentTime': ['2027-02-01T00:00:00Z'] })).toBe(
      true,
    );
  });
});
