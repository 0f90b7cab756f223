import { ACCOUNT_TAGS } from '../accountTags';
import { exemptAccountsOf, withAccountCarveOut } from '../exceptions/carveOut';
import {
  ControlGuardrail,
  Guardrail,
  GuardrailParameters,
  PolicyDocument,
  ScpGuardrail,
} from './types';

/** Prefix of the SCP names the suite creates, so they are easy to tell apart. */
export const SCP_NAME_PREFIX = 'mlgov-';

/** @public */
export const DEFAULT_GUARDRAIL_PARAMETERS: GuardrailParameters = {
  exemptRoleArns: [
    'arn:aws:iam::*:role/AWSControlTowerExecution',
    'arn:aws:iam::*:role/PlatformAdmin',
  ],
  allowedInstanceTypes: ['ml.t3.*', 'ml.m5.large', 'ml.m5.xlarge'],
  // The account tag scheme's keys, which the suite's own resources carry.
  costTagKeys: [ACCOUNT_TAGS.costCenter, ACCOUNT_TAGS.project],
};

const deny = (
  Sid: string,
  Action: string | string[],
  Condition?: Record<string, Record<string, string | string[]>>,
): PolicyDocument['Statement'][number] => ({
  Sid,
  Effect: 'Deny',
  Action,
  Resource: '*',
  ...(Condition ? { Condition } : {}),
});

const document = (
  ...Statement: PolicyDocument['Statement']
): PolicyDocument => ({
  Version: '2012-10-17',
  Statement,
});

/** `cost-center` → `CostCenter`: a Sid is letters and digits only. */
const pascalCase = (key: string) =>
  key
    .split(/[^A-Za-z0-9]+/)
    .map(part => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

const SAGEMAKER_JOBS = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateProcessingJob',
  'sagemaker:CreateHyperParameterTuningJob',
];

const SCPS: ScpGuardrail[] = [
  {
    kind: 'scp',
    id: 'deny-sagemaker-hosting',
    title: 'No real-time SageMaker endpoints',
    rationale:
      'Sandbox and dev accounts are for building and testing models; serving them is the job of preprod and prod, deployed by the pipeline.',
    document: p =>
      document(
        deny(
          'DenySageMakerRealtimeHosting',
          [
            'sagemaker:CreateEndpoint',
            'sagemaker:CreateEndpointConfig',
            'sagemaker:InvokeEndpoint',
            'sagemaker:ListEndpoints',
            'sagemaker:UpdateEndpoint',
          ],
          { ArnNotLike: { 'aws:PrincipalARN': p.exemptRoleArns } },
        ),
      ),
  },
  {
    kind: 'scp',
    id: 'require-vpc',
    title: 'SageMaker only inside a VPC',
    rationale:
      'Notebooks, training, processing, models and Studio domains must run in the VPC, so data reaches them only over governed network paths.',
    document: () =>
      document(
        deny(
          'VPCDeployment',
          [
            'sagemaker:CreateHyperParameterTuningJob',
            'sagemaker:CreateModel',
            'sagemaker:CreateNotebookInstance',
            'sagemaker:CreateProcessingJob',
            'sagemaker:CreateTrainingJob',
          ],
          {
            Null: {
              'sagemaker:VpcSubnets': 'true',
              'sagemaker:VpcSecurityGroupIds': 'true',
            },
          },
        ),
        // Studio domains too: a domain open to the internet bypasses the
        // VPC. Left out, the mode is PublicInternetOnly on create and
        // unchanged on update.
        deny('StudioVpcOnly', 'sagemaker:CreateDomain', {
          StringNotEquals: { 'sagemaker:AppNetworkAccessType': 'VpcOnly' },
        }),
        deny('StudioStaysVpcOnly', 'sagemaker:UpdateDomain', {
          StringNotEqualsIfExists: {
            'sagemaker:AppNetworkAccessType': 'VpcOnly',
          },
        }),
      ),
  },
  {
    kind: 'scp',
    id: 'require-kms',
    title: 'Customer-managed KMS keys for SageMaker',
    rationale:
      'Volumes and outputs of ML jobs hold corporate data; encrypting them with the company’s own keys keeps control of who can read them.',
    document: () =>
      document(
        deny(
          'DenyNoVolumeKmsKey',
          [
            ...SAGEMAKER_JOBS,
            'sagemaker:CreateTransformJob',
            'sagemaker:CreateNotebookInstance',
            'sagemaker:CreateEndpointConfig',
            'sagemaker:CreateDomain',
          ],
          { Null: { 'sagemaker:VolumeKmsKeyArn': 'true' } },
        ),
        deny(
          'DenyNoOutputKmsKey',
          [...SAGEMAKER_JOBS, 'sagemaker:CreateTransformJob'],
          { Null: { 'sagemaker:OutputKmsKeyArn': 'true' } },
        ),
      ),
  },
  {
    kind: 'scp',
    id: 'require-encryption-in-transit',
    title: 'Encryption in transit',
    rationale:
      'Traffic between training containers and to S3 must be encrypted, so data is protected on the wire too.',
    document: () =>
      document(
        deny('DenyNoInterContainerEncryption', SAGEMAKER_JOBS, {
          BoolIfExists: {
            'sagemaker:InterContainerTrafficEncryption': 'false',
          },
        }),
        deny('DenyS3WithoutTLS', 's3:*', {
          Bool: { 'aws:SecureTransport': 'false' },
        }),
      ),
  },
  {
    kind: 'scp',
    id: 'require-cost-tags',
    title: 'Cost-allocation tags on SageMaker resources',
    rationale:
      'Every notebook, job, model and endpoint carries the tags that charge its cost to the right team and project.',
    document: p =>
      document(
        ...p.costTagKeys.map(key =>
          deny(
            `DenyCreateWithout${pascalCase(key)}`,
            [
              ...SAGEMAKER_JOBS,
              'sagemaker:CreateModel',
              'sagemaker:CreateEndpoint',
              'sagemaker:CreateNotebookInstance',
              'sagemaker:CreateDomain',
              'sagemaker:CreateUserProfile',
            ],
            { Null: { [`aws:RequestTag/${key}`]: 'true' } },
          ),
        ),
      ),
  },
  {
    kind: 'scp',
    id: 'allowed-instance-types',
    title: 'Approved instance types only',
    rationale:
      'Limits ML compute to approved, affordable instance types, as a cost control for experiments.',
    document: p =>
      document(
        deny(
          'DenyUnapprovedInstanceTypes',
          [
            ...SAGEMAKER_JOBS,
            'sagemaker:CreateTransformJob',
            'sagemaker:CreateNotebookInstance',
          ],
          {
            'ForAnyValue:StringNotLike': {
              'sagemaker:InstanceTypes': p.allowedInstanceTypes,
            },
          },
        ),
      ),
  },
  {
    kind: 'scp',
    id: 'deny-public-s3',
    title: 'No public S3 buckets or objects',
    rationale:
      'Training data and models must never become public: public ACLs and changes to Block Public Access are refused.',
    document: p =>
      document(
        deny(
          'DenyPublicCannedAcl',
          [
            's3:PutBucketAcl',
            's3:PutObjectAcl',
            's3:PutObject',
            's3:CreateBucket',
          ],
          {
            StringEquals: {
              's3:x-amz-acl': [
                'public-read',
                'public-read-write',
                'authenticated-read',
              ],
            },
          },
        ),
        deny(
          'DenyBpaChanges',
          ['s3:PutBucketPublicAccessBlock', 's3:PutAccountPublicAccessBlock'],
          { ArnNotLike: { 'aws:PrincipalARN': p.exemptRoleArns } },
        ),
      ),
  },
  {
    kind: 'scp',
    id: 'deny-all',
    title: 'Nothing runs in a retired account',
    rationale:
      "Accounts of retired projects wait in the Suspended OU until AWS closes them: only the platform's roles may act there, to close or reopen them.",
    document: p =>
      document(
        deny('DenyAllButPlatform', '*', {
          ArnNotLike: {
            'aws:PrincipalARN': [
              ...p.exemptRoleArns,
              ...(p.retirementRoleArns ?? []),
            ],
          },
        }),
      ),
  },
];

const CONTROLS: ControlGuardrail[] = [
  {
    kind: 'control',
    id: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
    title: 'Detect S3 buckets that allow public read',
    rationale:
      'Finds buckets whose policy, ACL or Block Public Access settings let anyone read ML data.',
    behavior: 'detective',
  },
  {
    kind: 'control',
    id: 'AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
    title: 'Detect S3 buckets that allow public write',
    rationale:
      'Finds buckets anyone could write to or poison training data in.',
    behavior: 'detective',
  },
  {
    kind: 'control',
    id: 'AWS-GR_S3_VERSIONING_ENABLED',
    title: 'Detect S3 buckets without versioning',
    rationale:
      'Versioned buckets keep every version of datasets and models, so a training run can be reproduced and a bad write undone.',
    behavior: 'detective',
  },
  {
    kind: 'control',
    id: 'AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED',
    title: 'No changes to S3 bucket encryption',
    rationale:
      'Stops anyone but Control Tower from changing how buckets are encrypted. There is no detective control for unencrypted buckets; this is the preventive one.',
    behavior: 'preventive',
  },
  {
    kind: 'control',
    id: 'AWS-GR_SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS',
    title: 'Detect notebooks with direct internet access',
    rationale:
      'Notebook instances must reach the internet only through the VPC, never directly.',
    behavior: 'detective',
  },
];

/** Every guardrail the suite knows, SCPs and Control Tower controls. */
export const GUARDRAILS: readonly Guardrail[] = [...SCPS, ...CONTROLS];

/** @public */
export function findGuardrail(id: string): Guardrail | undefined {
  return GUARDRAILS.find(guardrail => guardrail.id === id);
}

/** The name of the SCP that holds a guardrail in AWS Organizations. */
export function scpName(guardrailId: string): string {
  return `${SCP_NAME_PREFIX}${guardrailId}`;
}

/**
 * A guardrail's SCP document for the parameters, with the accounts its
 * approved exceptions lift out of it.
 */
export function scpDocument(
  guardrail: ScpGuardrail,
  parameters: GuardrailParameters,
): PolicyDocument {
  return withAccountCarveOut(
    guardrail.document(parameters),
    exemptAccountsOf(guardrail.id, parameters.exemptions),
  );
}

/**
 * The SCP that carries a guardrail, as it is created in AWS: its name, its
 * title as description, and its document for the parameters, minified.
 */
export function scpOfGuardrail(
  guardrail: ScpGuardrail,
  parameters: GuardrailParameters,
): { name: string; description: string; content: string } {
  return {
    name: scpName(guardrail.id),
    description: guardrail.title,
    content: JSON.stringify(scpDocument(guardrail, parameters)),
  };
}
