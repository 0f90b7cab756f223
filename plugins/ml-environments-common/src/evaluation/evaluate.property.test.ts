import { ScpLevel, evaluateScps } from './evaluate';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPERATORS = [
  'StringEquals',
  'StringNotLike',
  'StringEqualsIgnoreCase',
  'ArnLike',
  'ArnNotEquals',
  'NumericLessThan',
  'NumericGreaterThanEquals',
  'DateLessThan',
  'DateGreaterThan',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'Null',
  'StringLikeIfExists',
  'ForAnyValue:StringEquals',
  'ForAllValues:StringLike',
  'NoSuchOperator',
];
const KEYS = [
  'aws:SourceIp',
  'aws:PrincipalArn',
  'aws:CurrentTime',
  'aws:RequestTag/team',
  'aws:TagKeys',
  's3:max-keys',
  'aws:SecureTransport',
];
const VALUES = [
  '10.0.0.0/8',
  '2001:db8::/32',
  'not-an-ip',
  '*',
  'arn:aws:iam::*:role/${aws:PrincipalAccount}',
  '${*}',
  "${aws:username, 'x'}",
  '${',
  '',
  '2026-01-01T00:00:00Z',
  '1700000000',
  'yesterday',
  '42',
  'true',
  'ml-${?}',
  '${unclosed',
];
const ACTIONS = [
  'sagemaker:CreateEndpoint',
  's3:*',
  'sagemaker:Create*',
  '*',
  'iam:?assRole',
];
const RESOURCES = [
  '*',
  'arn:aws:sagemaker:*:*:endpoint/*',
  'arn:aws:s3:::${aws:username}/*',
  'arn:aws:s3:::a?c',
];

describe('evaluateScps on random policies', () => {
  it('never throws, and always answers allowed, denied or unknown', () => {
    const random = seeded(20261202);
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    const many = <T>(list: T[]): T | T[] =>
      random() < 0.5 ? pick(list) : [pick(list), pick(list)];
    for (let run = 0; run < 2000; run++) {
      const statement = () => ({
        Effect: random() < 0.6 ? 'Deny' : 'Allow',
        [random() < 0.8 ? 'Action' : 'NotAction']: many(ACTIONS),
        [random() < 0.8 ? 'Resource' : 'NotResource']: many(RESOURCES),
        ...(random() < 0.7
          ? {
              Condition: {
                [pick(OPERATORS)]: { [pick(KEYS)]: many(VALUES) },
                ...(random() < 0.3
                  ? { [pick(OPERATORS)]: { [pick(KEYS)]: many(VALUES) } }
                  : {}),
              },
            }
          : {}),
      });
      const chain = [
        {
          label: 'Root',
          policies: [
            {
              name: 'p',
              document: {
                Version: '2012-10-17',
                Statement: [statement(), statement()],
              },
            },
          ],
        },
        {
          label: 'OU',
          policies: [
            {
              name: 'q',
              document: { Version: '2012-10-17', Statement: [statement()] },
            },
          ],
        },
      ] as unknown as ScpLevel[];
      const context = Object.fromEntries(
        KEYS.filter(() => random() < 0.5).map(k => [
          k,
          random() < 0.3 ? [pick(VALUES), pick(VALUES)] : pick(VALUES),
        ]),
      );
      const answer = evaluateScps(chain, {
        action: pick([
          'sagemaker:CreateEndpoint',
          's3:GetObject',
          'iam:PassRole',
        ]),
        resource: pick([
          '*',
          'arn:aws:sagemaker:us-east-1:1:endpoint/x',
          'arn:aws:s3:::abc',
        ]),
        context,
        openKeys: random() < 0.5 ? ['aws:SourceIp', 'aws:username'] : [],
      });
      expect(['allowed', 'denied', 'unknown']).toContain(answer.decision);
      expect(answer.explanation.length).toBeGreaterThan(0);
    }
  });
});
