import { RequestContext } from './truth';
import { ScpLevel, evaluateScps } from './evaluate';

import {
  devAccount,
  sandboxAccount,
  tagged,
  kms,
  vpc,
} from './__testUtils__/scpLevels';

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
});
