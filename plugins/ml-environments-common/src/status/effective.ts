import { ScpDecision, ScpLevel, evaluateScps } from '../evaluation/evaluate';
import { RequestContext } from '../evaluation/conditions';
import { PolicyDocument } from '../guardrails/types';
import { SnapshotIndex } from './guardrailStatus';
import { OrganizationSnapshot } from './snapshot';

/** An ML-critical request whose SCP decision the status views show. @public */
export interface CriticalCheck {
  id: string;
  label: string;
  action: string;
  context: RequestContext;
}

const compliantJob: RequestContext = {
  'sagemaker:VpcSubnets': ['subnet-example'],
  'sagemaker:VpcSecurityGroupIds': ['sg-example'],
  'sagemaker:VolumeKmsKeyArn': 'arn:aws:kms:us-east-1:111111111111:key/example',
  'sagemaker:OutputKmsKeyArn': 'arn:aws:kms:us-east-1:111111111111:key/example',
  'sagemaker:InterContainerTrafficEncryption': 'true',
  'sagemaker:InstanceTypes': ['ml.m5.large'],
  'aws:RequestTag/CostCenter': 'example',
  'aws:RequestTag/Project': 'example',
};

/** The questions of the guide's "assessing SCP effectiveness", asked of every account. @public */
export const ML_CRITICAL_CHECKS: CriticalCheck[] = [
  {
    id: 'endpoint',
    label: 'SageMaker endpoints',
    action: 'sagemaker:CreateEndpoint',
    context: {
      'aws:RequestTag/CostCenter': 'example',
      'aws:RequestTag/Project': 'example',
    },
  },
  {
    id: 'invoke-endpoint',
    label: 'Invoking SageMaker endpoints',
    action: 'sagemaker:InvokeEndpoint',
    context: {},
  },
  {
    id: 'training-without-vpc',
    label: 'Training jobs without VPC settings',
    action: 'sagemaker:CreateTrainingJob',
    context: Object.fromEntries(
      Object.entries(compliantJob).filter(
        ([key]) => !key.startsWith('sagemaker:Vpc'),
      ),
    ),
  },
  {
    id: 'training-compliant',
    label: 'Training jobs in a VPC, with KMS keys, encryption and tags',
    action: 'sagemaker:CreateTrainingJob',
    context: compliantJob,
  },
  {
    id: 'bucket-policy',
    label: 'Changing S3 bucket policies',
    action: 's3:PutBucketPolicy',
    context: {},
  },
  {
    id: 'public-acl',
    label: 'Public-read S3 ACLs',
    action: 's3:PutBucketAcl',
    context: { 's3:x-amz-acl': 'public-read' },
  },
];

/** The SCPs at each level from the root down to a target, as the evaluator wants them. @public */
export function scpChainFor(
  snapshot: OrganizationSnapshot,
  targetId: string,
): ScpLevel[] {
  const index = new SnapshotIndex(snapshot);
  return index.chainOf(targetId).map(id => ({
    label: index.labelOf(id),
    policies: snapshot.policies
      .filter(p => p.targets.includes(id))
      .map(p => {
        let document: PolicyDocument;
        try {
          document = JSON.parse(p.content);
        } catch {
          document = { Version: '2012-10-17', Statement: [] };
        }
        return { name: p.name, document };
      }),
  }));
}

/** Decisions for requests in an account. @public */
export function decideForAccount(
  snapshot: OrganizationSnapshot,
  accountId: string,
  requests: Array<{ action: string; context?: RequestContext }>,
): ScpDecision[] {
  const chain = scpChainFor(snapshot, accountId);
  return requests.map(r => evaluateScps(chain, r));
}
