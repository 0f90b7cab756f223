import { ConfigReader } from '@backstage/config';
import { readMlEnvironmentsAwsConfig } from './config';

function read(aws: object) {
  return readMlEnvironmentsAwsConfig(
    new ConfigReader({ mlEnvironments: { aws } }),
  );
}

describe('readMlEnvironmentsAwsConfig', () => {
  it('fills in defaults', () => {
    expect(readMlEnvironmentsAwsConfig(new ConfigReader({}))).toEqual({
      region: 'us-east-1',
      endpoint: undefined,
      memberAccountRoleName: 'OrganizationAccountAccessRole',
      maxAttempts: 5,
      configAggregatorName: 'aws-controltower-ConfigAggregatorForOrganizations',
      managementPrincipalArn: undefined,
      // AWS's published Organizations rates.
      organizationsRateLimits: {
        'List*': { ratePerSecond: 5, burst: 8 },
        DescribePolicy: { ratePerSecond: 2, burst: 2 },
      },
    });
  });

  it('reads every key', () => {
    expect(
      read({
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:4599',
        memberAccountRoleName: 'MlPlatformAccess',
        maxAttempts: 8,
        configAggregatorName: 'org-compliance',
        managementPrincipalArn:
          'arn:aws:iam::111111111111:role/platform/backstage',
        organizationsRateLimits: { list: { ratePerSecond: 3, burst: 3 } },
      }),
    ).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:4599',
      memberAccountRoleName: 'MlPlatformAccess',
      maxAttempts: 8,
      configAggregatorName: 'org-compliance',
      managementPrincipalArn:
        'arn:aws:iam::111111111111:role/platform/backstage',
      organizationsRateLimits: { 'List*': { ratePerSecond: 3, burst: 3 } },
    });
  });

  it.each([
    [
      { region: 'Europe' },
      "mlEnvironments.aws.region: 'Europe' is not an AWS region",
    ],
    [
      { endpoint: 'localhost:4599' },
      "mlEnvironments.aws.endpoint: 'localhost:4599' is not an http(s) URL",
    ],
    [{ endpoint: 'not a url' }, 'mlEnvironments.aws.endpoint'],
    [
      { memberAccountRoleName: 'has space' },
      'mlEnvironments.aws.memberAccountRoleName',
    ],
    [
      { configAggregatorName: 'has space' },
      "mlEnvironments.aws.configAggregatorName: 'has space' is not an AWS Config aggregator name",
    ],
    [
      {
        managementPrincipalArn:
          'arn:aws:sts::111111111111:assumed-role/backstage/session',
      },
      "mlEnvironments.aws.managementPrincipalArn: 'arn:aws:sts::111111111111:assumed-role/backstage/session' is not the ARN of an IAM role or user",
    ],
    [
      { maxAttempts: 0 },
      'mlEnvironments.aws.maxAttempts: 0 is not a whole number',
    ],
  ])('names the key of a bad value %j', (aws, message) => {
    expect(() => read(aws)).toThrow(message);
  });

  it('names the key of a value of the wrong type', () => {
    expect(() => read({ region: 42 })).toThrow(
      /mlEnvironments\.aws\.region.*wanted string/,
    );
  });
});
