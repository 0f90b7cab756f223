import {
  Aws,
  CfnCondition,
  Fn,
  Token,
  aws_iam as iam,
  aws_kms as kms,
  aws_sagemaker as sagemaker,
} from 'aws-cdk-lib';
import {
  type ProductParameter,
  type ProductScope,
  acknowledgeWildcards,
  outputs,
  tagParameters,
} from './common.ts';
import { trustPolicy } from './roles.ts';
import { productKey } from './storage.ts';
import {
  STUDIO_USER_TAG,
  executionPolicyDocument,
  userAccessPolicyDocument,
} from './studioPolicies.ts';

export { STUDIO_USER_TAG };

/** A Studio domain's parameters: VPC-only (dev) or public (sandbox). */
export function studioParameters(vpcOnly: boolean): ProductParameter[] {
  return [
    ...(vpcOnly
      ? tagParameters(['dev', 'mlops'], ['dev'])
      : tagParameters(['sandbox'], ['sandbox'])),
    {
      name: 'VpcId',
      type: 'AWS::EC2::VPC::Id',
      description: vpcOnly
        ? "The project account's VPC (with SageMaker API, runtime and S3 endpoints)"
        : "The sandbox account's own VPC (its default VPC: no corporate network)",
      source: 'network',
    },
    {
      name: 'SubnetIds',
      type: 'List<AWS::EC2::Subnet::Id>',
      description: vpcOnly
        ? 'Private subnets the Studio apps run in (1-16)'
        : 'Subnets of the sandbox VPC (1-16)',
      source: 'network',
    },
    ...(vpcOnly
      ? [
          {
            name: 'SecurityGroupIds',
            type: 'List<AWS::EC2::SecurityGroup::Id>',
            description:
              'Security groups of the Studio apps (1-5); they must allow NFS (TCP 2049) between the apps and EFS',
            source: 'network' as const,
          },
        ]
      : []),
    {
      name: 'DomainName',
      type: 'String',
      description: 'Name of the Studio domain',
      default: vpcOnly ? 'ml-studio' : 'ml-sandbox-studio',
      allowedPattern: '^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$',
    },
    {
      name: 'UserProfileName',
      type: 'String',
      description:
        'A first user profile (the project owner), with its own execution role; empty for none',
      default: '',
      allowedPattern: '^$|^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$',
    },
  ];
}

const sageMakerTrust = trustPolicy({ Service: 'sagemaker.amazonaws.com' });

/** A Studio domain product: VPC-only with the account's network, or the sandbox's public one. */
export function defineStudio(scope: ProductScope, vpcOnly: boolean): void {
  const { stack, param } = scope;

  const key = productKey(
    stack,
    'StudioKey',
    'Encrypts the Studio domain EFS and EBS volumes',
  );
  new kms.CfnAlias(stack, 'StudioKeyAlias', {
    aliasName: Fn.sub('alias/${ProjectName}-${DomainName}'),
    targetKeyId: key.ref,
  });

  const role = new iam.CfnRole(stack, 'ExecutionRole', {
    description:
      'Default execution role of the Studio domain: each session reaches only its own user profile, apps and private spaces',
    assumeRolePolicyDocument: sageMakerTrust,
  });

  const hasUser = new CfnCondition(stack, 'HasUserProfile', {
    expression: Fn.conditionNot(
      Fn.conditionEquals(param('UserProfileName').valueAsString, ''),
    ),
  });
  const userRole = new iam.CfnRole(stack, 'UserExecutionRole', {
    description:
      "The first user profile's own execution role, for its private spaces",
    assumeRolePolicyDocument: sageMakerTrust,
  });
  userRole.cfnOptions.condition = hasUser;

  const policy = new iam.CfnManagedPolicy(stack, 'ExecutionPolicy', {
    description:
      'Studio execution: a session (source identity = user profile name) reaches only its own profile, apps and private spaces',
    policyDocument: executionPolicyDocument(key.attrArn),
    roles: [
      role.ref,
      Token.asString(
        Fn.conditionIf(hasUser.logicalId, userRole.ref, Aws.NO_VALUE),
      ),
    ],
  });
  const sm = 'arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>';
  acknowledgeWildcards(
    policy,
    "Each wildcard stays inside this domain: the session's own apps (named by its user profile, the source identity), apps and spaces of private spaces it owns (OwnerUserProfileArn condition), Studio's own log group; List* take no narrower resource, DescribeSpace is read-only on this domain's spaces; the retagging deny covers everything on purpose",
    [
      `Resource::${sm}:app/<StudioDomain.DomainId>/<!aws:SourceIdentity>/*`,
      `Resource::${sm}:space/<StudioDomain.DomainId>/*`,
      `Resource::${sm}:app/<StudioDomain.DomainId>/*`,
      'Resource::*',
      'Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/sagemaker/studio:*',
    ],
  );

  const domain = new sagemaker.CfnDomain(stack, 'StudioDomain', {
    domainName: param('DomainName').valueAsString,
    authMode: 'IAM',
    appNetworkAccessType: vpcOnly ? 'VpcOnly' : 'PublicInternetOnly',
    vpcId: param('VpcId').valueAsString,
    subnetIds: param('SubnetIds').valueAsList,
    kmsKeyId: key.attrArn,
    domainSettings: {
      executionRoleIdentityConfig: 'USER_PROFILE_NAME',
      ...(vpcOnly
        ? { securityGroupIds: param('SecurityGroupIds').valueAsList }
        : {}),
    },
    defaultUserSettings: {
      executionRole: role.attrArn,
      ...(vpcOnly
        ? { securityGroups: param('SecurityGroupIds').valueAsList }
        : {}),
      sharingSettings: { notebookOutputOption: 'Disabled' },
      kernelGatewayAppSettings: {
        // Within the allowed-instance-types guardrail (ml.t3.*).
        defaultResourceSpec: { instanceType: 'ml.t3.medium' },
      },
    },
  });

  const profile = new sagemaker.CfnUserProfile(stack, 'UserProfile', {
    domainId: domain.attrDomainId,
    userProfileName: param('UserProfileName').valueAsString,
    userSettings: { executionRole: userRole.attrArn },
    // The ABAC tag: people reach this profile's presigned URL only when their
    // principal's studiouserid tag matches (StudioUserAccessPolicy).
    tags: [
      { key: STUDIO_USER_TAG, value: param('UserProfileName').valueAsString },
    ],
  });
  profile.cfnOptions.condition = hasUser;

  // For the people's roles: open Studio only as the profile whose
  // studiouserid tag equals the principal's own studiouserid tag.
  const userAccess = new iam.CfnManagedPolicy(stack, 'StudioUserAccessPolicy', {
    description:
      'For the people of the project: a presigned Studio URL only for the user profile tagged with their own studiouserid',
    policyDocument: userAccessPolicyDocument(),
  });
  acknowledgeWildcards(
    userAccess,
    "user-profile/<domain>/* is narrowed to the caller's own profile by the studiouserid tag condition; DescribeDomain and ListUserProfiles are read-only; the retagging deny covers all resources on purpose",
    [`Resource::${sm}:user-profile/<StudioDomain.DomainId>/*`, 'Resource::*'],
  );

  outputs(stack, [
    ['DomainId', domain.attrDomainId, 'The Studio domain id'],
    ['DomainArn', domain.attrDomainArn, 'The Studio domain ARN'],
    ['DomainUrl', domain.attrUrl, 'The Studio domain URL'],
    ['KmsKeyArn', key.attrArn, 'The customer key of the domain volumes'],
    ['ExecutionRoleArn', role.attrArn, 'The default execution role'],
    [
      'StudioUserPolicyArn',
      userAccess.ref,
      "Attach to the people's roles: Studio only as their own profile",
    ],
  ]);
}
