import {
  devAccount,
  sandboxAccount,
} from '../evaluation/__testUtils__/scpLevels';
import { checkTemplate } from './checkTemplate';

// The Studio product as a platform team would write it: VPC-only by default.
const studio = (networkDefault: string) => ({
  Parameters: {
    AppNetworkAccessType: { Type: 'String', Default: networkDefault },
    KmsKeyId: { Type: 'String' },
  },
  Resources: {
    StudioDomain: {
      Type: 'AWS::SageMaker::Domain',
      Properties: {
        DomainName: 'studio',
        AuthMode: 'IAM',
        AppNetworkAccessType: { Ref: 'AppNetworkAccessType' },
        SubnetIds: ['subnet-1'],
        VpcId: 'vpc-1',
        KmsKeyId: { Ref: 'KmsKeyId' },
        DefaultUserSettings: { SecurityGroups: ['sg-1'] },
      },
    },
  },
});

describe('checkTemplate', () => {
  it('refuses a public Studio domain in Workloads_Dev, naming require-vpc and its statement', () => {
    const result = checkTemplate(devAccount, studio('PublicInternetOnly'), {
      principalArn:
        'arn:aws:iam::200000000011:role/OrganizationAccountAccessRole',
    });
    expect(result.allowed).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({
        resource: 'StudioDomain',
        action: 'sagemaker:CreateDomain',
        decision: 'denied',
        policy: 'mlgov-require-vpc',
        statement: 'StudioVpcOnly',
      }),
    ]);
  });

  it('takes the same domain in the sandbox, and the VPC-only one in dev', () => {
    const principalArn =
      'arn:aws:iam::200000000011:role/OrganizationAccountAccessRole';
    expect(
      checkTemplate(sandboxAccount, studio('PublicInternetOnly'), {
        principalArn,
      }),
    ).toEqual({
      allowed: true,
      findings: [],
    });
    expect(
      checkTemplate(devAccount, studio('VpcOnly'), { principalArn }),
    ).toEqual({
      allowed: true,
      findings: [],
    });
  });

  it("says unknown, with the reason, where a key's value is not in the template", () => {
    const template = studio('VpcOnly');
    delete (template.Parameters.AppNetworkAccessType as any).Default;
    const result = checkTemplate(devAccount, template, {
      principalArn:
        'arn:aws:iam::200000000011:role/OrganizationAccountAccessRole',
    });
    expect(result.allowed).toBe(true);
    expect(result.findings[0]).toMatchObject({
      decision: 'unknown',
      policy: 'mlgov-require-vpc',
    });
    expect(result.findings[0].reason).toContain(
      'sagemaker:AppNetworkAccessType',
    );
  });

  it('refuses a resource without the cost tags when the stack carries none, and names an unmodelled type', () => {
    const result = checkTemplate(
      devAccount,
      {
        Resources: {
          Notebook: {
            Type: 'AWS::SageMaker::NotebookInstance',
            Properties: {
              InstanceType: 'ml.t3.medium',
              SubnetId: 's',
              SecurityGroupIds: ['sg'],
              KmsKeyId: 'k',
            },
          },
          Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
        },
      },
      { principalArn: 'arn:aws:iam::200000000011:role/Launch', stackTags: {} },
    );
    expect(result.allowed).toBe(false);
    expect(
      result.findings.map(f => [f.resource, f.decision, f.policy]),
    ).toEqual([
      ['Notebook', 'denied', 'mlgov-require-cost-tags'],
      ['Queue', 'unknown', undefined],
    ]);
  });
});

describe('checkTemplate on KMS aliases and managed policies', () => {
  const template = (roles: unknown[]) => ({
    Resources: {
      KeyAlias: {
        Type: 'AWS::KMS::Alias',
        Properties: { AliasName: 'alias/ml', TargetKeyId: { Ref: 'Key' } },
      },
      Policy: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { PolicyDocument: {}, Roles: roles },
      },
    },
  });
  const principalArn = 'arn:aws:iam::200000000011:role/Launch';
  const guarded = [
    {
      label: 'Root',
      policies: [
        {
          name: 'no-aliases',
          document: {
            Version: '2012-10-17' as const,
            Statement: [
              { Effect: 'Allow' as const, Action: '*', Resource: '*' },
              {
                Sid: 'NoAliases',
                Effect: 'Deny' as const,
                Action: 'kms:CreateAlias',
                Resource: '*',
              },
              {
                Sid: 'OnlyPlatformPolicies',
                Effect: 'Deny' as const,
                Action: 'iam:AttachRolePolicy',
                Resource: '*',
                Condition: {
                  ArnNotLike: {
                    'iam:PolicyARN': 'arn:aws:iam::*:policy/platform-*',
                  },
                },
              },
            ],
          },
        },
      ],
    },
  ];

  it('models both types: allowed in dev, no longer unknown', () => {
    expect(
      checkTemplate(devAccount, template([{ Ref: 'Role' }]), { principalArn }),
    ).toEqual({
      allowed: true,
      findings: [],
    });
  });

  it("names CreateAlias's deny, and says AttachRolePolicy is unknown because the new policy's ARN is not in the template", () => {
    const result = checkTemplate(guarded, template([{ Ref: 'Role' }]), {
      principalArn,
    });
    expect(result.allowed).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({
        resource: 'KeyAlias',
        action: 'kms:CreateAlias',
        decision: 'denied',
        policy: 'no-aliases',
        statement: 'NoAliases',
      }),
      expect.objectContaining({
        resource: 'Policy',
        action: 'iam:AttachRolePolicy',
        decision: 'unknown',
        policy: 'no-aliases',
      }),
    ]);
    expect(result.findings[1].reason).toMatch(
      /is unknown: .*because ArnNotLike on iam:PolicyARN/,
    );
  });

  it('makes no attach call for a policy attached to no role', () => {
    const result = checkTemplate(guarded, template([]), { principalArn });
    expect(result.findings.map(f => f.action)).toEqual(['kms:CreateAlias']);
  });
});
