// The guide's "Assessing SCP effectiveness" (its Figure 6: the endpoint
// deploy that fails with AccessDenied) as a check: the calls a data
// scientist would make, judged against each account's SCPs as they are, and
// against what the guardrails of its OUs intend, so that a guardrail that
// is missing, changed or placed on the wrong OU shows as a difference.
import { ScpLevel, evaluateScps } from '../evaluation/evaluate';
import { RequestContext } from '../evaluation/truth';
import { GuardrailBaseline } from '../guardrails/baseline';
import { GUARDRAILS, scpDocument, scpName } from '../guardrails/library';
import { GuardrailParameters, ScpGuardrail } from '../guardrails/types';
import { RESOURCE_TAG_KEYS } from '../accountTags';
import { AssessedCall } from '../schema/openapi/generated/models';
import {
  REQUEST_DEPENDENT_KEYS,
  callerContext,
  resourceFor,
  scpChainFor,
} from './effective';
import { OrganizationSnapshot } from './snapshot';
import { SnapshotIndex } from './snapshotIndex';

/** One call a data scientist would make, with what the request carries. @public */
export interface AssessmentCall {
  id: string;
  label: string;
  action: string;
  /** With `{partition}`, `{region}` and `{account}` (see resourceFor). */
  resource: string;
  context: RequestContext;
}

const tags: RequestContext = {
  ...Object.fromEntries(
    RESOURCE_TAG_KEYS.map(key => [`aws:RequestTag/${key}`, 'example']),
  ),
  'aws:TagKeys': [...RESOURCE_TAG_KEYS],
};
const key = 'arn:{partition}:kms:{region}:{account}:key/example';
const vpc: RequestContext = {
  'sagemaker:VpcSubnets': ['subnet-example'],
  'sagemaker:VpcSecurityGroupIds': ['sg-example'],
};
const kms: RequestContext = {
  'sagemaker:VolumeKmsKeyArn': key,
  'sagemaker:OutputKmsKeyArn': key,
};
const job: RequestContext = {
  ...vpc,
  ...kms,
  'sagemaker:InterContainerTrafficEncryption': 'true',
  'sagemaker:InstanceTypes': ['ml.m5.large'],
  ...tags,
};
const without = (context: RequestContext, ...keys: string[]) =>
  Object.fromEntries(
    Object.entries(context).filter(([k]) => !keys.some(p => k.startsWith(p))),
  );
const training =
  'arn:{partition}:sagemaker:{region}:{account}:training-job/example';

/** The calls of the assessment, compliant ones and those a guardrail is for. @public */
export const DATA_SCIENTIST_CALLS: AssessmentCall[] = [
  {
    id: 'deploy-endpoint',
    label: 'Deploy a model to a real-time endpoint (the guide’s Figure 6)',
    action: 'sagemaker:CreateEndpoint',
    resource: 'arn:{partition}:sagemaker:{region}:{account}:endpoint/example',
    context: tags,
  },
  {
    id: 'train-compliant',
    label: 'Train in the VPC, with KMS keys, encryption in transit and tags',
    action: 'sagemaker:CreateTrainingJob',
    resource: training,
    context: job,
  },
  {
    id: 'train-without-vpc',
    label: 'Train without VPC settings',
    action: 'sagemaker:CreateTrainingJob',
    resource: training,
    context: without(job, 'sagemaker:Vpc'),
  },
  {
    id: 'train-without-kms',
    label: 'Train without customer-managed KMS keys',
    action: 'sagemaker:CreateTrainingJob',
    resource: training,
    context: without(job, 'sagemaker:VolumeKms', 'sagemaker:OutputKms'),
  },
  {
    id: 'train-without-transit-encryption',
    label: 'Train without inter-container traffic encryption',
    action: 'sagemaker:CreateTrainingJob',
    resource: training,
    context: { ...job, 'sagemaker:InterContainerTrafficEncryption': 'false' },
  },
  {
    id: 'train-disallowed-instance',
    label: 'Train on an instance type not approved (ml.p4d.24xlarge)',
    action: 'sagemaker:CreateTrainingJob',
    resource: training,
    context: { ...job, 'sagemaker:InstanceTypes': ['ml.p4d.24xlarge'] },
  },
  {
    id: 'train-untagged',
    label: 'Train without the cost-allocation tags',
    action: 'sagemaker:CreateTrainingJob',
    resource: training,
    context: without(job, 'aws:RequestTag/', 'aws:TagKeys'),
  },
  {
    id: 'notebook-internet',
    label: 'Create a notebook instance with direct internet access',
    action: 'sagemaker:CreateNotebookInstance',
    resource:
      'arn:{partition}:sagemaker:{region}:{account}:notebook-instance/example',
    context: {
      'sagemaker:DirectInternetAccess': 'Enabled',
      'sagemaker:VolumeKmsKeyArn': key,
      'sagemaker:InstanceTypes': ['ml.t3.medium'],
      ...tags,
    },
  },
  {
    id: 'studio-public',
    label: 'Create a Studio domain open to the public internet',
    action: 'sagemaker:CreateDomain',
    resource: 'arn:{partition}:sagemaker:{region}:{account}:domain/example',
    context: {
      'sagemaker:AppNetworkAccessType': 'PublicInternetOnly',
      'sagemaker:VolumeKmsKeyArn': key,
      ...tags,
    },
  },
  {
    id: 'public-bucket',
    label: 'Make an S3 bucket public-read',
    action: 's3:PutBucketAcl',
    resource: 'arn:{partition}:s3:::example-ml-bucket',
    context: { 's3:x-amz-acl': 'public-read' },
  },
  {
    id: 's3-without-tls',
    label: 'Read training data from S3 without TLS',
    action: 's3:GetObject',
    resource: 'arn:{partition}:s3:::example-ml-bucket/data.csv',
    context: { 'aws:SecureTransport': 'false' },
  },
];

const FULL_ACCESS = {
  name: 'FullAWSAccess',
  document: {
    Version: '2012-10-17' as const,
    Statement: [{ Effect: 'Allow' as const, Action: '*', Resource: '*' }],
  },
};

/**
 * The SCPs the baseline intends for an account: from the root down to the
 * OU its tags say it belongs in (else the OU it is in), each level with
 * AWS's FullAWSAccess and the baseline's guardrails there, written with the
 * parameters (so with the carve-outs of the exceptions in force).
 *
 * @public
 */
export function intendedScpChain(
  snapshot: OrganizationSnapshot,
  accountId: string,
  baseline: GuardrailBaseline,
  parameters: GuardrailParameters,
): ScpLevel[] {
  const index = new SnapshotIndex(snapshot);
  const account = index.account(accountId);
  let ouPath = account ? index.expectedOuPath(account) : undefined;
  if (ouPath === undefined && account) {
    ouPath = index.ou(account.parentId)?.path ?? '';
  }
  const parts = (ouPath ?? '').split('/').filter(Boolean);
  const paths = [
    'Root',
    ...parts.map((_, i) => parts.slice(0, i + 1).join('/')),
  ];
  const levelOf = (path: string): ScpLevel => ({
    label: path,
    policies: [
      FULL_ACCESS,
      ...(baseline[path] ?? []).flatMap(id => {
        const guardrail = GUARDRAILS.find(g => g.id === id);
        return guardrail?.kind === 'scp'
          ? [
              {
                name: scpName(id),
                document: scpDocument(guardrail as ScpGuardrail, parameters),
              },
            ]
          : [];
      }),
    ],
  });
  return [
    ...paths.map(levelOf),
    { label: `account ${accountId}`, policies: [FULL_ACCESS] },
  ];
}

/**
 * Each call judged in one account: the decision of its SCPs as the
 * snapshot has them, with the deciding policy and statement, and the
 * decision the baseline intends. Calls the evaluator cannot decide are
 * "unknown", saying why, and never as intended.
 *
 * @public
 */
export function assessAccount(
  snapshot: OrganizationSnapshot,
  accountId: string,
  options: {
    baseline: GuardrailBaseline;
    parameters: GuardrailParameters;
    region: string;
  },
  calls: AssessmentCall[] = DATA_SCIENTIST_CALLS,
): AssessedCall[] {
  const actual = scpChainFor(snapshot, accountId);
  const intended = intendedScpChain(
    snapshot,
    accountId,
    options.baseline,
    options.parameters,
  );
  const caller = callerContext(snapshot, accountId, options.region);
  return calls.map(call => {
    const request = {
      action: call.action,
      resource: resourceFor(call, accountId, options.region),
      context: {
        ...caller,
        ...Object.fromEntries(
          Object.entries(call.context).map(([k, v]) => [
            k,
            typeof v === 'string'
              ? resourceFor({ resource: v }, accountId, options.region)
              : v,
          ]),
        ),
      },
      openKeys: REQUEST_DEPENDENT_KEYS,
    };
    const is = evaluateScps(actual, request);
    const meant = evaluateScps(intended, request);
    // An answer the evaluator cannot give shows nothing holds, even where
    // the intended SCPs cannot be decided either: never "as intended".
    const unknown = is.decision === 'unknown';
    return {
      check: call.id,
      label: call.label,
      action: call.action,
      decision: is.decision,
      expected: meant.decision,
      asIntended: !unknown && is.decision === meant.decision,
      ...(is.decidedBy
        ? { policy: is.decidedBy.policy, statement: is.decidedBy.statement }
        : {}),
      ...(meant.decidedBy && meant.decision === 'denied'
        ? { expectedPolicy: meant.decidedBy.policy }
        : {}),
      explanation: unknown
        ? `Not as intended: the suite cannot tell whether the account's SCPs ${
            meant.decision === 'unknown'
              ? 'allow or deny it'
              : `${
                  meant.decision === 'denied' ? 'deny' : 'allow'
                } it as its OU's guardrails mean them to`
          }, so check it by hand (${is.explanation})`
        : is.explanation,
    };
  });
}
