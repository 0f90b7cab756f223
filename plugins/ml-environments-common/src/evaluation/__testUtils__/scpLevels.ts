import {
  DEFAULT_GUARDRAIL_PARAMETERS,
  findGuardrail,
} from '../../guardrails/library';
import { PolicyDocument } from '../../guardrails/types';
import { RequestContext } from '../truth';
import { ScpLevel } from '../evaluate';

export const FULL_AWS_ACCESS = {
  name: 'FullAWSAccess',
  document: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  } as PolicyDocument,
};

export const library = (id: string) => {
  const guardrail = findGuardrail(id);
  if (guardrail?.kind !== 'scp') throw new Error(id);
  return {
    name: `mlgov-${id}`,
    document: guardrail.document(DEFAULT_GUARDRAIL_PARAMETERS),
  };
};

export const custom = (
  name: string,
  ...Statement: PolicyDocument['Statement']
) => ({
  name,
  document: { Version: '2012-10-17', Statement } as PolicyDocument,
});

/** A dev account as the default baseline builds it. */
export const devAccount: ScpLevel[] = [
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

export const sandboxAccount: ScpLevel[] = [
  { label: 'Root', policies: [FULL_AWS_ACCESS] },
  {
    label: 'OU Sandbox',
    policies: [FULL_AWS_ACCESS, library('allowed-instance-types')],
  },
  { label: 'account 230000000001', policies: [FULL_AWS_ACCESS] },
];

export const tagged: RequestContext = {
  'aws:RequestTag/cost-center': 'CC-1',
  'aws:RequestTag/ml-project': 'churn',
};
export const kms: RequestContext = {
  'sagemaker:VolumeKmsKeyArn': 'arn:aws:kms:us-east-1:200000000011:key/k',
  'sagemaker:OutputKmsKeyArn': 'arn:aws:kms:us-east-1:200000000011:key/k',
};
export const vpc: RequestContext = {
  'sagemaker:VpcSubnets': ['subnet-1'],
  'sagemaker:VpcSecurityGroupIds': ['sg-1'],
};
