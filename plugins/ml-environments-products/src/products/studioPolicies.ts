import { Fn, aws_iam as iam } from 'aws-cdk-lib';

/** The tag each user profile carries with its own name (AWS's ABAC example key). */
export const STUDIO_USER_TAG = 'studiouserid';

export const SAGEMAKER_ARN =
  'arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}';

/**
 * The execution policy of Studio users, shared by the default role and the
 * per-user roles. Isolation is attribute-based: the domain sets
 * ExecutionRoleIdentityConfig USER_PROFILE_NAME, so every session of an
 * execution role carries the user profile's name as `aws:SourceIdentity`;
 * each statement then reaches only that profile, its own apps and the
 * private spaces it owns (`sagemaker:OwnerUserProfileArn`). Users may not
 * retag SageMaker resources, which would move them across that line.
 */
export function executionPolicyDocument(keyArn: string): iam.PolicyDocument {
  const own = `${SAGEMAKER_ARN}:user-profile/\${StudioDomain.DomainId}/\${!aws:SourceIdentity}`;
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'OwnProfileAndDomain',
        actions: ['sagemaker:DescribeUserProfile', 'sagemaker:DescribeDomain'],
        resources: [
          Fn.sub(own),
          Fn.sub(`${SAGEMAKER_ARN}:domain/\${StudioDomain.DomainId}`),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'OwnApps',
        actions: [
          'sagemaker:CreateApp',
          'sagemaker:DeleteApp',
          'sagemaker:DescribeApp',
        ],
        resources: [
          Fn.sub(
            `${SAGEMAKER_ARN}:app/\${StudioDomain.DomainId}/\${!aws:SourceIdentity}/*`,
          ),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'OwnPrivateSpacesAndTheirApps',
        actions: [
          'sagemaker:CreateSpace',
          'sagemaker:UpdateSpace',
          'sagemaker:DeleteSpace',
          'sagemaker:CreateApp',
          'sagemaker:DeleteApp',
        ],
        resources: [
          Fn.sub(`${SAGEMAKER_ARN}:space/\${StudioDomain.DomainId}/*`),
          Fn.sub(`${SAGEMAKER_ARN}:app/\${StudioDomain.DomainId}/*`),
        ],
        conditions: {
          ArnLike: { 'sagemaker:OwnerUserProfileArn': Fn.sub(own) },
          StringEquals: { 'sagemaker:SpaceSharingType': 'Private' },
        },
      }),
      new iam.PolicyStatement({
        sid: 'ListWithinStudio',
        actions: ['sagemaker:ListApps', 'sagemaker:ListSpaces'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'SeeTheDomainSpaces',
        actions: ['sagemaker:DescribeSpace'],
        resources: [
          Fn.sub(`${SAGEMAKER_ARN}:space/\${StudioDomain.DomainId}/*`),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'StudioLogs',
        actions: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
        ],
        resources: [
          Fn.sub(
            'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/sagemaker/studio:*',
          ),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'DomainKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'NoRetagging',
        effect: iam.Effect.DENY,
        actions: ['sagemaker:AddTags', 'sagemaker:DeleteTags'],
        resources: ['*'],
      }),
    ],
  });
}

/**
 * For the people's roles: open Studio only as the profile whose
 * studiouserid tag equals the principal's own studiouserid tag.
 */
export function userAccessPolicyDocument(): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'OpenOwnProfile',
        actions: [
          'sagemaker:CreatePresignedDomainUrl',
          'sagemaker:DescribeUserProfile',
        ],
        resources: [
          Fn.sub(`${SAGEMAKER_ARN}:user-profile/\${StudioDomain.DomainId}/*`),
        ],
        conditions: {
          StringEquals: {
            [`sagemaker:ResourceTag/${STUDIO_USER_TAG}`]: `\${aws:PrincipalTag/${STUDIO_USER_TAG}}`,
          },
        },
      }),
      new iam.PolicyStatement({
        sid: 'SeeTheDomain',
        actions: ['sagemaker:DescribeDomain', 'sagemaker:ListUserProfiles'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'NoRetagging',
        effect: iam.Effect.DENY,
        actions: ['sagemaker:AddTags', 'sagemaker:DeleteTags'],
        resources: ['*'],
      }),
    ],
  });
}
