import { ScpLevel, evaluateScps } from '../evaluation/evaluate';
import { ScpDecision } from '../schema/openapi/generated/models';
import { RequestContext } from '../evaluation/truth';
import { PolicyDocument } from '../guardrails/types';
import { SnapshotIndex } from './snapshotIndex';
import { OrganizationSnapshot } from './snapshot';
import { partitionOf } from '../partition';
import { RESOURCE_TAG_KEYS } from '../accountTags';

/** The suite's tag scheme on a request, as its own resources carry it. */
const schemeTags: RequestContext = Object.fromEntries(
  RESOURCE_TAG_KEYS.map(key => [`aws:RequestTag/${key}`, 'example']),
);

/** An ML-critical request whose SCP decision the status views show. @public */
export interface CriticalCheck {
  id: string;
  label: string;
  action: string;
  /**
   * The resource the action concerns, with `{partition}`, `{region}` and
   * `{account}` filled in for each account.
   */
  resource: string;
  context: RequestContext;
}

/**
 * Keys whose values depend on who calls, from where and when, which the
 * checks do not fix: a condition on one of them makes the answer "unknown,
 * because …" rather than a guess.
 *
 * @public
 */
export const REQUEST_DEPENDENT_KEYS = [
  'aws:SourceIp',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:VpcSourceIp',
  'aws:Ec2InstanceSource*',
  'aws:PrincipalTag/*',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalServiceName*',
  'aws:MultiFactorAuth*',
  'aws:userid',
  'aws:username',
  'aws:SourceIdentity',
  'aws:TokenIssueTime',
  'aws:FederatedProvider',
  'aws:CalledVia*',
  'aws:UserAgent',
  'aws:Referer',
  'aws:ResourceTag/*',
  'aws:ResourceOrgPaths',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOrg*',
];

const compliantJob: RequestContext = {
  'sagemaker:VpcSubnets': ['subnet-example'],
  'sagemaker:VpcSecurityGroupIds': ['sg-example'],
  'sagemaker:VolumeKmsKeyArn': 'arn:aws:kms:us-east-1:111111111111:key/example',
  'sagemaker:OutputKmsKeyArn': 'arn:aws:kms:us-east-1:111111111111:key/example',
  'sagemaker:InterContainerTrafficEncryption': 'true',
  'sagemaker:InstanceTypes': ['ml.m5.large'],
  ...schemeTags,
};

/** The questions of the guide's "assessing SCP effectiveness", asked of every account. @public */
export const ML_CRITICAL_CHECKS: CriticalCheck[] = [
  {
    id: 'endpoint',
    label: 'SageMaker endpoints',
    action: 'sagemaker:CreateEndpoint',
    resource: 'arn:{partition}:sagemaker:{region}:{account}:endpoint/example',
    context: schemeTags,
  },
  {
    id: 'invoke-endpoint',
    label: 'Invoking SageMaker endpoints',
    action: 'sagemaker:InvokeEndpoint',
    resource: 'arn:{partition}:sagemaker:{region}:{account}:endpoint/example',
    context: {},
  },
  {
    id: 'training-without-vpc',
    label: 'Training jobs without VPC settings',
    action: 'sagemaker:CreateTrainingJob',
    resource:
      'arn:{partition}:sagemaker:{region}:{account}:training-job/example',
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
    resource:
      'arn:{partition}:sagemaker:{region}:{account}:training-job/example',
    context: compliantJob,
  },
  {
    id: 'bucket-policy',
    label: 'Changing S3 bucket policies',
    action: 's3:PutBucketPolicy',
    resource: 'arn:{partition}:s3:::example-ml-bucket',
    context: {},
  },
  {
    id: 'public-acl',
    label: 'Public-read S3 ACLs',
    action: 's3:PutBucketAcl',
    resource: 'arn:{partition}:s3:::example-ml-bucket',
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

/**
 * What every check's request fixes about who asks: a role of the account that
 * no SCP exempts, in the Region, over TLS, at the snapshot's time, not
 * through an AWS service.
 *
 * @public
 */
export function callerContext(
  snapshot: OrganizationSnapshot,
  accountId: string,
  region: string,
): RequestContext {
  const { partition } = partitionOf(region);
  const now = new Date(snapshot.takenAt);
  return {
    'aws:PrincipalArn': `arn:${partition}:iam::${accountId}:role/ml-practitioner`,
    'aws:PrincipalAccount': accountId,
    'aws:PrincipalOrgID': snapshot.organizationId,
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:ResourceAccount': accountId,
    'aws:ResourceOrgID': snapshot.organizationId,
    'aws:RequestedRegion': region,
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  };
}

/** The check's resource ARN in an account. @public */
export function resourceFor(
  check: Pick<CriticalCheck, 'resource'>,
  accountId: string,
  region: string,
): string {
  return check.resource
    .replaceAll('{partition}', partitionOf(region).partition)
    .replaceAll('{region}', region)
    .replaceAll('{account}', accountId);
}

/** Decisions for the checks in an account of the Region. @public */
export function decideForAccount(
  snapshot: OrganizationSnapshot,
  accountId: string,
  checks: Array<Pick<CriticalCheck, 'action' | 'resource' | 'context'>>,
  region: string,
): ScpDecision[] {
  const chain = scpChainFor(snapshot, accountId);
  const caller = callerContext(snapshot, accountId, region);
  return checks.map(check =>
    evaluateScps(chain, {
      action: check.action,
      resource: resourceFor(check, accountId, region),
      context: { ...caller, ...check.context },
      openKeys: REQUEST_DEPENDENT_KEYS,
    }),
  );
}
