import { PolicyDocument, ScpGuardrail } from './types';

// The suite's service control policies, each a guardrail whose document is
// written from the parameters; library.ts lists them with the controls.

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

/** The guardrails the suite writes as SCPs. */
export const SCPS: ScpGuardrail[] = [
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
