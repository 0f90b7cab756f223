import { Fn, aws_sagemaker as sagemaker } from 'aws-cdk-lib';
import {
  type ProductParameter,
  type ProductScope,
  accountParameter,
  outputs,
  tagParameters,
} from './common.ts';

export const registryParameters = (): ProductParameter[] => [
  ...tagParameters(['mlops'], ['team-shared-services']),
  accountParameter(
    'DevAccountId',
    "The project's dev account, which registers model versions",
  ),
  accountParameter(
    'AutomationAccountId',
    "The project's automation account, whose pipeline reads approved versions",
  ),
];

const GROUP =
  'arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}';

/**
 * The project's model package group in Team Shared Services. Its resource
 * policy is the only cross-account door: dev registers, automation reads.
 */
export function defineRegistry({ stack }: ProductScope): void {
  const groupName = Fn.sub('${ProjectName}-models');
  const resources = [
    Fn.sub(`${GROUP}:model-package-group/\${ProjectName}-models`),
    Fn.sub(`${GROUP}:model-package/\${ProjectName}-models/*`),
  ];
  const group = new sagemaker.CfnModelPackageGroup(stack, 'ModelPackageGroup', {
    modelPackageGroupName: groupName,
    modelPackageGroupDescription: Fn.sub(
      'Model versions of ${ProjectName}: registered from dev, read by the deployment pipeline',
    ),
    modelPackageGroupPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DevRegisters',
          Effect: 'Allow',
          Principal: {
            AWS: Fn.sub('arn:${AWS::Partition}:iam::${DevAccountId}:root'),
          },
          Action: [
            'sagemaker:CreateModelPackage',
            'sagemaker:DescribeModelPackageGroup',
            'sagemaker:DescribeModelPackage',
            'sagemaker:ListModelPackages',
          ],
          Resource: resources,
        },
        {
          Sid: 'AutomationReads',
          Effect: 'Allow',
          Principal: {
            AWS: Fn.sub(
              'arn:${AWS::Partition}:iam::${AutomationAccountId}:root',
            ),
          },
          Action: [
            'sagemaker:DescribeModelPackageGroup',
            'sagemaker:DescribeModelPackage',
            'sagemaker:ListModelPackages',
          ],
          Resource: resources,
        },
      ],
    },
  });
  outputs(stack, [
    ['ModelPackageGroupName', groupName, 'The model package group'],
    [
      'ModelPackageGroupArn',
      group.attrModelPackageGroupArn,
      'Give it to the model-build and deploy pipeline products',
    ],
  ]);
}
